// Which test files talk to the host's real libvirtd: the real-libvirt tier, which the host
// health gate (libvirt_gate.ts) stands in front of. Read from each file's own imports, so a new
// file is classed by what it uses, not by a list someone must remember to update.

/** Support modules that reach the host's libvirtd (qemu:///system) or a daemon of their own. */
export const REAL_LIBVIRT_HELPERS = [
  "support/guest.ts",
  "support/guest_shell.ts",
  "support/agent_guest.ts",
  "support/real_server.ts",
  "support/real_app.ts",
  "support/second_libvirtd.ts",
  "support/test_host_state.ts",
  "support/ha_bed.ts",
];

const IMPORT = /\bfrom\s+["']([^"']+)["']/g;

/**
 * True for a test file that uses the host's real libvirtd: it imports one of the helpers above,
 * or (under tests/) names qemu:///system itself. Unit tests elsewhere that only parse that URI
 * as a string are not.
 */
export function talksToRealLibvirt(path: string, source: string): boolean {
  for (const m of source.matchAll(IMPORT)) {
    if (REAL_LIBVIRT_HELPERS.some((h) => m[1].endsWith(h))) return true;
  }
  return /(^|\/)tests\//.test(path) && source.includes("qemu:///system");
}
