// Open vSwitch for the tests that need it: its daemons started when they are not running (and
// stopped again after), and a bridge of the tests' own with the userspace datapath, since this
// machine's kernel has no openvswitch module (../shared/TESTBED.md). Fails loudly without the
// package (scripts/install-test-deps.sh installs it).

import { run } from "./guest.ts";

const OVS_CTL = "/usr/share/openvswitch/scripts/ovs-ctl";

const ovsAnswers = () => run("ovs-vsctl", ["--timeout=2", "show"]).then(() => true, () => false);

/** `ovs-vsctl ARGS`, with a timeout so a dead database fails the test instead of hanging it. */
export const ovsVsctl = (...args: string[]) => run("ovs-vsctl", ["--timeout=10", ...args]);

/**
 * Runs `fn` with an Open vSwitch bridge called `bridge` (made fresh, userspace datapath), then
 * removes it, and stops the daemons when this call started them.
 */
export async function withOvsBridge(bridge: string, fn: () => Promise<void>): Promise<void> {
  try {
    await Deno.stat(OVS_CTL);
  } catch {
    throw new Error(
      `Open vSwitch is not installed (${OVS_CTL}): run scripts/install-test-deps.sh first`,
    );
  }
  const started = !(await ovsAnswers());
  if (started) await run(OVS_CTL, ["start", "--system-id=random"]);
  try {
    await ovsVsctl("--if-exists", "del-br", bridge);
    await ovsVsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
    try {
      await fn();
    } finally {
      await ovsVsctl("--if-exists", "del-br", bridge);
    }
  } finally {
    if (started) await run(OVS_CTL, ["stop"]);
  }
}
