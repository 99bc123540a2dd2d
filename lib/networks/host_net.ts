// This machine's network interfaces as network creation checks them: Linux bridges and SR-IOV
// cards from sysfs, Open vSwitch bridges from ovs-vsctl (absent when Open vSwitch is not
// installed). Remote hosts are not looked at: libvirt there says what it refuses.

/** What the host has, as network creation checks it (tests inject their own). */
export interface HostNet {
  /** "linux", "openvswitch", or null when the host has no bridge of that name. */
  bridgeKind(name: string): Promise<"linux" | "openvswitch" | null>;
  /** Whether the host has a network interface of that name. */
  hasInterface(name: string): Promise<boolean>;
  /** How many virtual functions the interface's card can make (0: no SR-IOV). */
  sriovTotalVfs(name: string): Promise<number>;
}

/** ovs-vsctl answers at once when ovsdb runs; one that hangs must not hold a request. */
const OVS_TIMEOUT_MS = 5_000;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** `ovs-vsctl br-exists NAME`: exit 0 yes, 2 no; not installed or not running: no. */
async function ovsBridgeExists(name: string): Promise<boolean> {
  try {
    const { code } = await new Deno.Command("ovs-vsctl", {
      args: [`--timeout=${OVS_TIMEOUT_MS / 1000}`, "br-exists", name],
      stdout: "null",
      stderr: "null",
      signal: AbortSignal.timeout(OVS_TIMEOUT_MS + 1_000),
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

export const localHostNet: HostNet = {
  async bridgeKind(name) {
    if (await exists(`/sys/class/net/${name}/bridge`)) return "linux";
    return await ovsBridgeExists(name) ? "openvswitch" : null;
  },
  hasInterface: (name) => exists(`/sys/class/net/${name}`),
  async sriovTotalVfs(name) {
    try {
      const text = await Deno.readTextFile(`/sys/class/net/${name}/device/sriov_totalvfs`);
      return Number(text.trim()) || 0;
    } catch {
      return 0;
    }
  },
};

/**
 * A remote host's interfaces are not this machine's: names pass as given (libvirt there refuses
 * one it lacks when the network starts), and a bridge is taken for a Linux bridge.
 */
export const remoteHostNet: HostNet = {
  bridgeKind: () => Promise.resolve("linux"),
  hasInterface: () => Promise.resolve(true),
  sriovTotalVfs: () => Promise.resolve(1),
};
