// Running a test on Debian's own kernel when this machine's lacks a driver it needs (the bonding
// and 802.1Q drivers, which the test machines' kernel is built without and cannot load): the test
// calls itself inside the guest of scripts/kernel-guest-test.sh (TCG, this machine's files
// read-only under an overlay in the guest's memory, no network device, no libvirtd), where its
// real part runs. Its result there is its result here.

import { runCommand } from "../../lib/firewall/run_command.ts";

/** Whether this kernel makes `ip link add … type KIND` links, tried in a namespace of its own. */
export async function kernelMakes(kinds: ("bond" | "vlan")[]): Promise<boolean> {
  const ns = `kvmm-kprobe-${Deno.pid}`;
  const ip = (...args: string[]) => runCommand("ip", ["-n", ns, ...args]);
  if ((await runCommand("ip", ["netns", "add", ns])).code !== 0) {
    throw new Error(`cannot make network namespace ${ns}`);
  }
  try {
    await ip("link", "add", "p0", "type", "veth", "peer", "name", "p1");
    for (const kind of kinds) {
      const out = kind === "bond"
        ? await ip("link", "add", "probe-bond", "type", "bond")
        : await ip("link", "add", "link", "p0", "name", "probe-vlan", "type", "vlan", "id", "42");
      if (out.code !== 0) return false;
    }
    return true;
  } finally {
    await runCommand("ip", ["netns", "del", ns]);
  }
}

/**
 * Runs the test named `name` of `file` inside the kernel guest; throws with the guest's output
 * unless it passed there.
 */
export async function passInKernelGuest(file: string, name: string): Promise<void> {
  const root = new URL("../..", import.meta.url).pathname;
  const out = await runCommand("bash", [
    `${root}scripts/kernel-guest-test.sh`,
    "--filter",
    name,
    file,
  ]);
  const said = `${out.stdout}\n${out.stderr}`;
  if (out.code !== 0 || !/^ok \| 1 passed \| 0 failed/m.test(said)) {
    throw new Error(
      `"${name}" failed on Debian's kernel (exit ${out.code}):\n${
        said.split("\n").slice(-60).join("\n")
      }`,
    );
  }
}
