// Which firewall backend libvirt's networks use on this machine, and whether the tool port
// forwards need for it is installed: for the host check (lib/host_check/host_check.ts). Read from
// what libvirt wrote (its nftables table, its iptables chains), not from its configuration file,
// which a running network may predate.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { HostCheckItem } from "../../shared/host_check.ts";
import { NftablesFirewall } from "./nftables.ts";
import { IPTABLES_BINARIES, IPTABLES_DENIED } from "./iptables.ts";
import { type CommandRunner, FirewallTool, runCommand } from "./run_command.ts";

export interface FirewallFacts {
  /**
   * What libvirt's running networks use; "none" before any NAT network has started, "unknown"
   * when the firewall cannot be read (KVM Manager does not run as root).
   */
  backend: "nftables" | "iptables" | "none" | "unknown";
  nft: boolean;
  iptables: boolean;
}

/** Reads the facts with `run` (the host's own commands by default). */
export async function readFirewallFacts(run: CommandRunner = runCommand): Promise<FirewallFacts> {
  const nftables = await new NftablesFirewall({ run }).libvirtRules().catch((err) =>
    err instanceof AppError && err.details?.reason === "not-installed" ? null : undefined
  );
  // Found unless none of its names exists; one that could not be run counts as found.
  const iptables = await new FirewallTool(
    IPTABLES_BINARIES,
    run,
    (reason) => new AppError("FIREWALL_ERROR", reason),
  ).run(["-w", "2", "-S", "LIBVIRT_FWI"]).then(
    (out) => ({ found: out !== null, out }),
    () => ({ found: true, out: null }),
  );
  const backend = nftables?.present
    ? "nftables"
    : iptables.out?.code === 0
    ? "iptables"
    : nftables === undefined || IPTABLES_DENIED.test(iptables.out?.stderr ?? "")
    ? "unknown"
    : "none";
  return { backend, nft: nftables !== null, iptables: iptables.found };
}

/** The host check's item: the backend, and a warning when port forwards cannot work under it. */
export function firewallItem(facts: FirewallFacts): HostCheckItem {
  const title = t("Firewall of libvirt's networks");
  // One check in three outcomes: only its status and words differ.
  const item = (status: "pass" | "warn", detail: string, fix: string | null): HostCheckItem => ({
    id: "firewall",
    status,
    title,
    detail,
    fix,
  });
  if (facts.backend === "unknown") {
    return item(
      "warn",
      t("The firewall cannot be read: port forwards cannot be applied."),
      t("Run KVM Manager as root (or give it CAP_NET_ADMIN)."),
    );
  }
  const missing = facts.backend === "nftables" ? !facts.nft : !facts.iptables && !facts.nft;
  if (missing) {
    return item(
      "warn",
      facts.backend === "nftables"
        ? t("libvirt uses nftables, but nft is not installed: port forwards cannot work.")
        : t("Neither iptables nor nft is installed: port forwards cannot work."),
      t("Install the nftables package."),
    );
  }
  return item(
    "pass",
    facts.backend === "nftables"
      ? t("nftables: port forwards go into libvirt's table ip libvirt_network.")
      : facts.backend === "iptables"
      ? t("iptables: port forwards go into KVM Manager's chains, ahead of libvirt's.")
      : t("No NAT network has started yet; port forwards follow the backend libvirt uses."),
    null,
  );
}
