// Debian roots for tests (scripts/debian-root.sh): made once with debootstrap and cached, each
// run in namespaces of its own with its own /dev, its changes gone when the run ends.

import { runCommand } from "../../lib/firewall/run_command.ts";

const SCRIPT = new URL("../../scripts/debian-root.sh", import.meta.url).pathname;

/**
 * The Debian 13 bed's packages: libvirt 11 and QEMU 10 (libvirtd; Debian ships none of the
 * modular daemons), its firewall tools, and lintian for the packages.
 */
export const BED_PACKAGES = [
  "libvirt-daemon-system",
  "libvirt-daemon-driver-qemu",
  "qemu-system-x86",
  "qemu-utils",
  "libvirt-clients",
  "nftables",
  "iproute2",
  "dnsmasq-base",
  "curl",
  "lintian",
].join(",");

export interface RootRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** scripts/debian-root.sh with `args`, `input` on its standard input. */
const command = (args: string[], input?: string): Promise<RootRun> =>
  runCommand("bash", [SCRIPT, ...args], input);

/**
 * The cached root of `suite` (made the first time: a minute or two from the Debian mirror) with
 * `include` (debootstrap's) and `apt` (the root's apt's) packages, comma-separated.
 */
export async function debianRoot(
  suite: string,
  { include = "", apt = "" }: { include?: string; apt?: string } = {},
): Promise<string> {
  const made = await command([
    "make",
    suite,
    ...(include ? [include] : []),
    ...(apt ? ["--apt", apt] : []),
  ]);
  if (made.code !== 0) {
    throw new Error(`scripts/debian-root.sh make ${suite} failed:\n${made.stderr}`);
  }
  return made.stdout.trim();
}

/** Runs sh with `script` (and `args`) inside `root`, `bind` seen read-only at its own path. */
export function inRoot(
  root: string,
  script: string,
  args: string[],
  bind?: string,
): Promise<RootRun> {
  return command(["run", root, ...(bind ? ["--bind", bind] : []), "sh", "-s", ...args], script);
}

/** `name=value` words of a script's output, for the facts it printed. */
export function factsOf(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout.split("\n").flatMap((l) => l.split(" ")).filter((w) => w.includes("="))
      .map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]),
  );
}

/** The rest of the line that starts with `name=`. */
export function lineOf(stdout: string, name: string): string | undefined {
  return stdout.split("\n").find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);
}
