// Whether a libvirt URI's daemon runs on the machine KVM Manager runs on, so that what the
// daemon reports about the host can be read from this machine's own files instead (the QEMU log,
// /proc/meminfo, a pool's file system).

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
