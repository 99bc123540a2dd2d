// Whether the first connection's failure is one `kvm-manager serve` cannot outwait: a URI
// libvirt cannot take, or a local socket this account may not open. Those end the server with
// one line naming the fix and status 1. Anything else (libvirtd stopped or restarting, a remote
// host down) may pass: the server retries, and its pages say what is wrong meanwhile.
// Read from libvirt's own words, the same in libvirt 9 and 11.

import type { Config } from "../config.ts";

const FROM: Record<Config["uriSource"], string> = {
  flag: "--connect",
  env: "LIBVIRT_DEFAULT_URI",
  file: "the config file's connect",
  system: "the system libvirtd",
  demo: "the demo",
};

/** The line to end `serve` with, or null when retrying may help. */
export function fatalConnectFailure(
  uri: string,
  source: Config["uriSource"],
  error: string,
): string | null {
  const named = `${uri} (${FROM[source]})`;
  if (/no connection driver available/i.test(error)) {
    return `libvirt has no driver for ${named}: ${error}. Check the URI, and that the daemon ` +
      `for it is installed (apt-get install libvirt-daemon-system)`;
  }
  if (/unable to parse URI|unexpected \S+ URI path/i.test(error)) {
    return `libvirt cannot take the URI ${named}: ${error}`;
  }
  const denied = /Failed to connect socket to '([^']+)': Permission denied/i.exec(error);
  if (denied) {
    return `cannot open libvirt's socket ${denied[1]} for ${named}: permission denied. Run as ` +
      `root or as a member of the libvirt group, or choose another URI with --connect`;
  }
  // A local URI (no host) whose daemon refused this account: polkit, or no D-Bus to ask it.
  const local = /^[a-z0-9+]+:\/\/\//i.test(uri);
  if (
    local && /authentication (unavailable|failed)|Unable to get system bus connection/i.test(error)
  ) {
    return `libvirt refused this account for ${named}: ${error}. Run as root or as a member ` +
      `of the libvirt group, or choose another URI with --connect`;
  }
  return null;
}
