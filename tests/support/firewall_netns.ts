// A network namespace of a test's own, for tests of the real iptables: it starts with empty
// tables, whatever the host has, and whatever is written in it vanishes with it, so the host's
// firewall is never touched. Held by a child process that exits when its stdin closes, which
// also happens when the test process dies.

import { type CommandRunner, runCommand } from "../../lib/firewall/iptables.ts";

/** A fresh network namespace; run commands in it with `run`, end it with `close()`. */
export class TestNetns {
  #holder: Deno.ChildProcess;
  #stdin: WritableStreamDefaultWriter<Uint8Array>;
  #closed = false;

  private constructor(holder: Deno.ChildProcess, stdin: WritableStreamDefaultWriter<Uint8Array>) {
    this.#holder = holder;
    this.#stdin = stdin;
  }

  /** Unshares a new network namespace (needs root and util-linux's unshare and nsenter). */
  static async open(): Promise<TestNetns> {
    let holder;
    try {
      // sh prints once it runs inside the new namespace, then blocks until stdin closes.
      holder = new Deno.Command("unshare", {
        args: ["--net", "--", "sh", "-c", "echo ready; read _"],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch (err) {
      throw new Error(`cannot run unshare (util-linux): ${err}`);
    }
    const stdin = holder.stdin.getWriter();
    const reader = holder.stdout.getReader();
    const first = await reader.read();
    reader.releaseLock();
    const said = new TextDecoder().decode(first.value ?? new Uint8Array());
    if (!said.startsWith("ready")) {
      await stdin.close().catch(() => {});
      const out = await holder.output();
      throw new Error(
        `unshare --net failed (exit ${out.code}): ${new TextDecoder().decode(out.stderr).trim()}`,
      );
    }
    await holder.stdout.cancel();
    return new TestNetns(holder, stdin);
  }

  /** The holder's process id: `ip link set DEV netns PID` moves a link into the namespace. */
  get pid(): number {
    return this.#holder.pid;
  }

  /** The namespace's id as the kernel names it, e.g. "net:[4026532561]". */
  get id(): string {
    return Deno.readLinkSync(`/proc/${this.#holder.pid}/ns/net`);
  }

  /**
   * Runs `binary` inside the namespace. Like runCommand, a binary that does not exist throws
   * Deno.errors.NotFound (nsenter itself would exit 127).
   */
  run: CommandRunner = async (binary, args, input) => {
    if (this.#closed) throw new Error("the test network namespace is closed");
    if (binary.includes("/") && !(await Deno.stat(binary).then(() => true, () => false))) {
      throw new Deno.errors.NotFound(`No such file or directory: ${binary}`);
    }
    return await runCommand("nsenter", [
      `--net=/proc/${this.#holder.pid}/ns/net`,
      "--",
      binary,
      ...args,
    ], input);
  };

  /** Ends the namespace (and everything in its tables); safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#stdin.close().catch(() => {});
    await this.#holder.stderr.cancel().catch(() => {});
    await this.#holder.status;
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }
}

/**
 * What libvirt 9 adds to iptables the first time it starts a network, plus the rules of one
 * NAT network on `bridge` (https://libvirt.org/firewall.html). Each top-level jump is
 * inserted as the first rule of its chain, as libvirt does, so in FORWARD they land above any
 * jump that was there before. Returns the iptables argument lists, in order.
 */
export function libvirtChainArgs(bridge: string, subnet: string): string[][] {
  const chains: [string, string, string][] = [
    ["filter", "INPUT", "LIBVIRT_INP"],
    ["filter", "OUTPUT", "LIBVIRT_OUT"],
    ["filter", "FORWARD", "LIBVIRT_FWO"],
    ["filter", "FORWARD", "LIBVIRT_FWI"],
    ["filter", "FORWARD", "LIBVIRT_FWX"],
    ["nat", "POSTROUTING", "LIBVIRT_PRT"],
    ["mangle", "POSTROUTING", "LIBVIRT_PRT"],
  ];
  const args: string[][] = [];
  for (const [table, , chain] of chains) {
    if (!args.some((a) => a[1] === table && a[3] === chain)) {
      args.push(["-t", table, "-N", chain]);
    }
  }
  for (const [table, parent, chain] of chains) args.push(["-t", table, "-I", parent, "-j", chain]);
  args.push(
    ["-t", "filter", "-A", "LIBVIRT_FWI", "-d", subnet, "-o", bridge, "-m", "conntrack"]
      .concat(["--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"]),
    ["-t", "filter", "-A", "LIBVIRT_FWI", "-o", bridge, "-j", "REJECT"]
      .concat(["--reject-with", "icmp-port-unreachable"]),
    ["-t", "filter", "-A", "LIBVIRT_FWO", "-s", subnet, "-i", bridge, "-j", "ACCEPT"],
    ["-t", "filter", "-A", "LIBVIRT_FWO", "-i", bridge, "-j", "REJECT"]
      .concat(["--reject-with", "icmp-port-unreachable"]),
    ["-t", "nat", "-A", "LIBVIRT_PRT", "-s", subnet, "!", "-d", subnet, "-j", "MASQUERADE"],
  );
  return args;
}

/**
 * What libvirt 10.4 and later write under their nftables backend for one NAT network on `bridge`
 * (libvirt's src/network/network_nftables.c, rule for rule): its own table, a forward chain
 * jumping to guest_cross, guest_input and guest_output, and in guest_input the reject of new
 * connections into the bridge. An `nft -f` script.
 */
export function libvirtNftScript(bridge: string, subnet: string): string {
  return `table ip libvirt_network {
  chain forward {
    type filter hook forward priority filter; policy accept;
    counter jump guest_cross
    counter jump guest_input
    counter jump guest_output
  }
  chain guest_output {
    iif "${bridge}" ip saddr ${subnet} counter accept
    iif "${bridge}" counter reject
  }
  chain guest_input {
    oif "${bridge}" ip daddr ${subnet} ct state related,established counter accept
    oif "${bridge}" counter reject
  }
  chain guest_cross {
    iif "${bridge}" oif "${bridge}" counter accept
  }
  chain guest_nat {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr ${subnet} ip daddr != ${subnet} counter masquerade
  }
}
`;
}

/**
 * What libvirt does to guest_input when a network on `bridge` starts again: its rules go and come
 * back, inserted at the top (so ahead of anything another program inserted before).
 */
export function libvirtNftRestartScript(bridge: string, subnet: string, handles: number[]): string {
  return [
    ...handles.map((h) => `delete rule ip libvirt_network guest_input handle ${h}`),
    `insert rule ip libvirt_network guest_input oif "${bridge}" counter reject`,
    `insert rule ip libvirt_network guest_input oif "${bridge}" ip daddr ${subnet} ct state related,established counter accept`,
  ].join("\n") + "\n";
}
