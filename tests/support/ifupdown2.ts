// ifupdown2's own parser as a test's judge of an interfaces file the stanza writers made
// (lib/host_network/stanzas_test.ts, change_test.ts): `ifup -s` refuses what ifreload would.

import { runCommand } from "../../lib/firewall/run_command.ts";

/**
 * ifupdown2's parser's verdict on `text`: "" when it takes it, else its words (it exits 1 on a
 * warning too). The one warning a bridge over a NIC with an MTU gets is left out: the bridge says
 * the MTU on purpose (bridge_nic.ts).
 */
export async function ifupdown2Refusal(text: string): Promise<string> {
  await Deno.stat("/usr/sbin/ifup").catch(() => {
    throw new Error("/usr/sbin/ifup is missing: bash scripts/install-test-deps.sh installs it");
  });
  const dir = await Deno.makeTempDir({ prefix: "kvmm-stanzas-" });
  try {
    await Deno.writeTextFile(`${dir}/interfaces`, text);
    const out = await runCommand("unshare", [
      "-m",
      "--propagation",
      "private",
      "sh",
      "-c",
      'mount -t tmpfs kvmm /run && mkdir /run/network && exec /usr/sbin/ifup -s -a -i "$0"',
      `${dir}/interfaces`,
    ]);
    if (out.code === 0) return "";
    const words = `${out.stderr}${out.stdout}`.split("\n").filter((l) =>
      l.trim() !== "" && !/: bridge inherits mtu from its ports/.test(l)
    );
    return words.join("\n") ||
      (out.stderr.includes("bridge inherits mtu") ? "" : `exit ${out.code}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
