// A host with a LAN, made of network namespaces, for the host network tests that drive a browser:
// "host" holds veths standing in for the host's NICs (nic0, and nic1 unconfigured) and gets its own /etc/network (from
// /etc/netns/NAME/network, ifupdown2's state in the test's folder), "lan" holds the NIC's peer
// and routes between the LAN and this namespace, where the tests' Chromium reaches servers (its
// SOCKS proxy runs here: tests/harness/browser_server.ts). So a page's requests to the host go
// over the host's network as a change leaves it, as an admin's browser's would. The host's own
// interfaces and files are never read or touched; everything made is removed at the end, and a
// missing tool fails the test (never skips it).

import { HostNetworkApplier } from "../../lib/host_network/apply.ts";
import { type CommandRunner, runCommand } from "../../lib/firewall/run_command.ts";

/** Addresses from 10.79.0.0/16, which no test and no real network here uses. */
export const HOST_IP = "10.79.0.1";
export const LAN_IP = "10.79.0.2";
/** A guest's address on the host's LAN, for a guest on a bridge over nic0. */
export const GUEST_IP = "10.79.0.3";
const UPLINK_LAN = "10.79.1.1";
const UPLINK_HERE = "10.79.1.2";

export interface HostNamespaces {
  host: string;
  lan: string;
  /** The host namespace's interfaces file, as its ifupdown2 reads it. */
  interfacesPath: string;
  /** Runs a command inside the host namespace (with its /etc/network). */
  run: CommandRunner;
  /** A folder of the test's own, removed at the end. */
  dir: string;
  /** The host namespace's links and their IPv4 addresses and masters (ip -j). */
  links(): Promise<Map<string, { addresses: string[]; master: string | null }>>;
}

export async function sh(...args: string[]): Promise<string> {
  const out = await runCommand(args[0], args.slice(1));
  if (out.code !== 0) throw new Error(`${args.join(" ")}: ${out.stderr || out.stdout}`);
  return out.stdout;
}

/**
 * A veth pair from `host` to `lan`, named `inHost` and `inLan` there: made under the unique
 * names `made` and `made`+"p" (a name may be taken in this namespace), then renamed.
 */
async function vethBetween(host: string, lan: string, made: string, inHost: string, inLan: string) {
  const peer = `${made}p`;
  await sh(
    "ip",
    "link",
    "add",
    made,
    "netns",
    host,
    "type",
    "veth",
    "peer",
    "name",
    peer,
    "netns",
    lan,
  );
  await sh("ip", "-n", host, "link", "set", made, "name", inHost);
  await sh("ip", "-n", lan, "link", "set", peer, "name", inLan);
}

/**
 * Runs `fn` with the namespaces made and `initial` loaded as the host's interfaces file (applied
 * with ifreload and kept, as at boot). `initial` should give nic0 HOST_IP/24 and LAN_IP as its
 * gateway: the way back to this namespace.
 */
export async function withHostNamespaces(
  initial: string,
  fn: (ns: HostNamespaces) => Promise<void>,
): Promise<void> {
  for (const tool of ["/usr/sbin/ip", "/usr/sbin/ifreload"]) {
    await Deno.stat(tool).catch(() => {
      throw new Error(`${tool} is missing: bash scripts/install-test-deps.sh installs it`);
    });
  }
  const tag = `${Deno.pid % 100000}`;
  const host = `kvmm-hnb-host-${tag}`;
  const lan = `kvmm-hnb-lan-${tag}`;
  const uplink = `kvmmhnb${tag}`;
  const etc = `/etc/netns/${host}`;
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hnb-" });
  const runDirExisted = await Deno.stat("/run/network").then(() => true, () => false);
  let routed = false;
  try {
    await sh("ip", "netns", "add", host);
    await sh("ip", "netns", "add", lan);
    await sh("ip", "-n", host, "link", "set", "lo", "up");
    await sh("ip", "-n", lan, "link", "set", "lo", "up");
    // The NIC and its LAN peer; a second NIC, which the file does not configure.
    await vethBetween(host, lan, `${uplink}a`, "nic0", "lan0");
    await sh("ip", "-n", lan, "address", "add", `${LAN_IP}/24`, "dev", "lan0");
    await sh("ip", "-n", lan, "link", "set", "lan0", "up");
    await vethBetween(host, lan, `${uplink}d`, "nic1", "lan1");
    // This namespace's way to the LAN: a veth into it, and the LAN routing the host's subnet.
    await sh(
      "ip",
      "link",
      "add",
      uplink,
      "type",
      "veth",
      "peer",
      "name",
      `${uplink}c`,
      "netns",
      lan,
    );
    routed = true;
    await sh("ip", "-n", lan, "link", "set", `${uplink}c`, "name", "up0");
    await sh("ip", "-n", lan, "address", "add", `${UPLINK_LAN}/30`, "dev", "up0");
    await sh("ip", "-n", lan, "link", "set", "up0", "up");
    await sh("ip", "netns", "exec", lan, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    await sh("ip", "address", "add", `${UPLINK_HERE}/30`, "dev", uplink);
    await sh("ip", "link", "set", uplink, "up");
    await sh("ip", "route", "add", `${HOST_IP.replace(/\.1$/, ".0")}/24`, "via", UPLINK_LAN);
    // The host namespace's /etc/network, ifupdown2's state kept in the test's folder.
    await Deno.mkdir(`${etc}/network/interfaces.d`, { recursive: true });
    await sh("cp", "-r", "/etc/network/ifupdown2", `${etc}/network/`);
    const conf = `${etc}/network/ifupdown2/ifupdown2.conf`;
    await Deno.writeTextFile(
      conf,
      (await Deno.readTextFile(conf)).replace(/^state_dir=.*$/m, `state_dir=${dir}/state/`),
    );
    await Deno.writeTextFile(`${etc}/network/interfaces`, initial);
    const run: CommandRunner = (binary, args, input, signal) =>
      runCommand("ip", ["netns", "exec", host, binary, ...args], input, signal);
    // `ip netns exec` only warns when its bind of /etc/netns fails: the namespace must see the
    // test's file before ifreload runs in it.
    const seen = await sh("ip", "netns", "exec", host, "cat", "/etc/network/interfaces");
    if (seen !== initial) throw new Error(`${host} does not see ${etc}/network/interfaces`);
    const boot = new HostNetworkApplier({
      interfacesPath: `${etc}/network/interfaces`,
      pendingPath: `${dir}/boot-pending.json`,
      run,
    });
    await boot.confirm((await boot.apply(initial, 60)).id);
    boot.close();
    await fn({
      host,
      lan,
      interfacesPath: `${etc}/network/interfaces`,
      run,
      dir,
      async links() {
        const all = JSON.parse(await sh("ip", "-n", host, "-j", "address", "show")) as {
          ifname: string;
          master?: string;
          addr_info: { family: string; local: string; prefixlen: number }[];
        }[];
        return new Map(all.map((l) => [l.ifname, {
          addresses: l.addr_info.filter((a) => a.family === "inet").map((a) =>
            `${a.local}/${a.prefixlen}`
          ),
          master: l.master ?? null,
        }]));
      },
    });
  } finally {
    // Deleting the namespaces deletes their links, and with the uplink's peer the uplink and
    // its route here.
    await runCommand("ip", ["netns", "del", host]);
    await runCommand("ip", ["netns", "del", lan]);
    if (routed) await runCommand("ip", ["link", "del", uplink]);
    await Deno.remove(etc, { recursive: true }).catch(() => {});
    await Deno.remove(dir, { recursive: true });
    if (!runDirExisted) await Deno.remove("/run/network", { recursive: true }).catch(() => {});
  }
}
