// Whether a libvirt URI means the machine KVM Manager runs on: the one place that decides it, by two
// rules for two questions. `onThisMachine`: is the daemon reached here, so that paths in what it is
// asked or reports are this machine's (the host check's probes, shared folders' roots)?
// `sameMachine`, stricter: may what the daemon reports about the host be read from this machine's
// own files instead (the QEMU log, /proc/meminfo, a pool's file system)?

import { parseLibvirtUri } from "../connection_uri/libvirt_uri.ts";

/**
 * No host and no remote transport: qemu:///system, qemu+unix:///…, test:///default (the test
 * driver lives in this process). A host name, even this machine's, or ssh/tcp/tls is another way in.
 */
export function onThisMachine(uri: string): boolean {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return false;
  const { host, transport } = parsed.uri;
  return host === null && (transport === null || transport === "unix");
}

/**
 * qemu:///system, qemu:///session and their qemu+unix:// forms. A host name or another transport
 * means another machine, a ?socket= may be another daemon (in another root), and the test driver
 * is no machine at all.
 */
export function sameMachine(uri: string): boolean {
  const url = URL.parse(uri);
  if (!url || (url.protocol !== "qemu:" && url.protocol !== "qemu+unix:")) return false;
  return !url.hostname && !url.search;
}
