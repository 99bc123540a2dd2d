// The host check's firewall item, from the commands' answers on hosts of each kind (the real
// host's is checked in tests/qemu_host_check_browser_test.ts).

import { assertEquals } from "../../tests/support/assert.ts";
import { firewallItem, readFirewallFacts } from "./backend.ts";
import type { CommandRunner } from "./run_command.ts";

/** A host whose commands answer from `answers` (binary name → output); absent ones are missing. */
const host = (answers: Record<string, { code: number; stdout?: string; stderr?: string }>) =>
  ((binary) => {
    const answer = answers[binary.split("/").at(-1)!];
    if (!answer) return Promise.reject(new Deno.errors.NotFound(binary));
    return Promise.resolve({ stdout: "", stderr: "", ...answer });
  }) as CommandRunner;

const LIBVIRT_NFT = JSON.stringify({
  nftables: [{ chain: { family: "ip", table: "libvirt_network", name: "guest_input" } }],
});
const NO_TABLE = { code: 1, stderr: "Error: No such file or directory" };

Deno.test("firewall backend - read from what libvirt wrote", async () => {
  assertEquals(
    await readFirewallFacts(host({ nft: { code: 0, stdout: LIBVIRT_NFT }, iptables: NO_TABLE })),
    { backend: "nftables", nft: true, iptables: true },
  );
  assertEquals(
    await readFirewallFacts(
      host({ nft: NO_TABLE, iptables: { code: 0, stdout: "-N LIBVIRT_FWI" } }),
    ),
    { backend: "iptables", nft: true, iptables: true },
  );
  assertEquals(
    await readFirewallFacts(host({ iptables: { code: 1, stderr: "iptables: No chain" } })),
    { backend: "none", nft: false, iptables: true },
  );
  assertEquals(
    await readFirewallFacts(host({
      nft: { code: 1, stderr: "Error: Operation not permitted" },
      iptables: { code: 4, stderr: "Permission denied (you must be root)" },
    })),
    { backend: "unknown", nft: true, iptables: true },
  );
});

Deno.test("firewall backend - the host check's item", () => {
  const item = (
    backend: "nftables" | "iptables" | "none" | "unknown",
    nft: boolean,
    iptables: boolean,
  ) => {
    const i = firewallItem({ backend, nft, iptables });
    return [i.status, i.detail];
  };
  assertEquals(item("nftables", true, false), [
    "pass",
    "nftables: port forwards go into libvirt's table ip libvirt_network.",
  ]);
  assertEquals(item("nftables", false, true), [
    "warn",
    "libvirt uses nftables, but nft is not installed: port forwards cannot work.",
  ]);
  assertEquals(item("iptables", false, true), [
    "pass",
    "iptables: port forwards go into KVM Manager's chains, ahead of libvirt's.",
  ]);
  assertEquals(item("none", false, false), [
    "warn",
    "Neither iptables nor nft is installed: port forwards cannot work.",
  ]);
  assertEquals(item("unknown", true, true)[0], "warn");
  assertEquals(firewallItem({ backend: "none", nft: true, iptables: false }).status, "pass");
});
