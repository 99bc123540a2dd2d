// The `ssh` command line that reaches the same account on the same machine as a host's
// qemu+ssh:// or qemu+libssh:// URI, for the few things libvirt cannot tell about a remote host
// (which devices it needs itself), and the tunnel to a display listening on that host's own
// loopback. Same user, port, key and known_hosts as the URI; never a prompt (BatchMode), no
// forward but the one tunnel asked for, the host key checked unless the URI says not to. And
// the one way such a command is started: its three streams piped, stopped by a signal.

import { paramOf, parseLibvirtUri } from "./libvirt_uri.ts";

/** Never a prompt, a bounded connect, no forwarding: every ssh KVM Manager runs. */
export const SSH_BATCH_OPTIONS = [
  "-o",
  "BatchMode=yes",
  "-o",
  "ConnectTimeout=10",
  "-o",
  "ClearAllForwardings=yes",
];

/** The argv of `ssh … HOST remoteCommand`, or null when the URI is not an ssh transport. */
export function sshCommandFor(uri: string, remoteCommand: string): string[] | null {
  const ssh = sshArgsFor(uri);
  return ssh && [...ssh.options, "--", ssh.host, remoteCommand];
}

/**
 * The argv of `ssh -W ADDRESS:PORT … HOST`: ssh's standard input and output become a TCP
 * connection the far host makes to ADDRESS:PORT (its own loopback, say), as virt-manager
 * reaches a remote VM's display. Null when the URI is not an ssh transport.
 */
export function sshTunnelFor(uri: string, address: string, port: number): string[] | null {
  const ssh = sshArgsFor(uri);
  const target = address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
  return ssh && [...ssh.options, "-W", target, "--", ssh.host];
}

/**
 * ssh's options and the host for an ssh transport URI; null for any other. The URI is read as
 * libvirt reads it (libvirt_uri.ts: both separators, '+' kept, the last of a repeated parameter),
 * so ssh gets the same key and known_hosts as libvirt's connection.
 */
function sshArgsFor(uri: string): { options: string[]; host: string } | null {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return null;
  const url = parsed.uri;
  if (!["ssh", "libssh", "libssh2"].includes(url.transport ?? "")) return null;
  const host = url.host;
  const user = url.user;
  // The hosts API refuses names starting with '-' (ssh would read an option); so does this.
  if (!host || host.startsWith("-") || user?.startsWith("-")) return null;
  const param = (key: string) => paramOf(url, key);
  const args = ["ssh", "-T", ...SSH_BATCH_OPTIONS];
  if (url.port) args.push("-p", String(url.port));
  if (user) args.push("-l", user);
  const keyfile = param("keyfile");
  if (keyfile) args.push("-i", keyfile);
  const knownHosts = param("known_hosts");
  if (knownHosts) args.push("-o", `UserKnownHostsFile=${knownHosts}`);
  // libvirt's words for host key checking: no_verify=1 (ssh), known_hosts_verify (libssh).
  const verify = param("known_hosts_verify");
  const strict = param("no_verify") === "1" || verify === "ignore"
    ? "no"
    : verify === "auto"
    ? "accept-new"
    : "yes";
  args.push("-o", `StrictHostKeyChecking=${strict}`);
  return { options: args, host };
}

/** An ssh started by startSsh: the process, and how to stop it. */
export interface SshProcess {
  child: Deno.ChildProcess;
  /** Sends `signal` unless ssh has ended already (it wrote its last bytes and left). */
  stop(signal: Deno.Signal): void;
}

/** Starts `argv` (sshCommandFor's or sshTunnelFor's) with stdin, stdout and stderr piped. */
export function startSsh(argv: string[]): SshProcess {
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stop = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // ended already: nothing to stop
    }
  };
  return { child, stop };
}
