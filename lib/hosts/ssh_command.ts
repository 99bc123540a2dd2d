// The `ssh` command line that reaches the same account on the same machine as a host's
// qemu+ssh:// or qemu+libssh:// URI, for the few things libvirt cannot tell about a remote host
// (which devices it needs itself), and the tunnel to a display listening on that host's own
// loopback. Same user, port, key and known_hosts as the URI; never a prompt (BatchMode), no
// forward but the one tunnel asked for, the host key checked unless the URI says not to.

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

/** ssh's options and the host for an ssh transport URI; null for any other. */
function sshArgsFor(uri: string): { options: string[]; host: string } | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (!/^qemu\+(ssh|libssh|libssh2):$/.test(url.protocol)) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // The hosts API refuses names starting with '-' (ssh would read an option); so does this.
  if (!host || host.startsWith("-") || decodeURIComponent(url.username).startsWith("-")) {
    return null;
  }
  const params = url.searchParams;
  const args = [
    "ssh",
    "-T",
    "-o",
    "BatchMode=yes",
    "-o",
    "ConnectTimeout=10",
    "-o",
    "ClearAllForwardings=yes",
  ];
  if (url.port) args.push("-p", url.port);
  if (url.username) args.push("-l", decodeURIComponent(url.username));
  const keyfile = params.get("keyfile");
  if (keyfile) args.push("-i", keyfile);
  const knownHosts = params.get("known_hosts");
  if (knownHosts) args.push("-o", `UserKnownHostsFile=${knownHosts}`);
  // libvirt's words for host key checking: no_verify=1 (ssh), known_hosts_verify (libssh).
  const verify = params.get("known_hosts_verify");
  const strict = params.get("no_verify") === "1" || verify === "ignore"
    ? "no"
    : verify === "auto"
    ? "accept-new"
    : "yes";
  args.push("-o", `StrictHostKeyChecking=${strict}`);
  return { options: args, host };
}
