// The `ssh` command line that reaches the same account on the same machine as a host's
// qemu+ssh:// or qemu+libssh:// URI, for the few things libvirt cannot tell about a remote host
// (which devices it needs itself). Same user, port, key and known_hosts as the URI; never a
// prompt (BatchMode), never a forward, the host key checked unless the URI says not to.

/** The argv of `ssh … HOST remoteCommand`, or null when the URI is not an ssh transport. */
export function sshCommandFor(uri: string, remoteCommand: string): string[] | null {
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
  args.push("-o", `StrictHostKeyChecking=${strict}`, "--", host, remoteCommand);
  return args;
}
