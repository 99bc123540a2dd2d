// The server's Debian package, kvm-manager_VERSION_amd64.deb, built with dpkg-deb from the files
// the release stages (scripts/release.ts): the program under /usr/lib/kvm-manager with
// /usr/bin/kvm-manager, the systemd unit, /etc/pam.d/kvm-manager and /etc/kvm-manager/config.json
// as conffiles, the Pacemaker resource agent ocf:kvm-manager:server, and maintainer scripts (scripts/release/deb/) that make the role groups and the
// data folder, start the service where systemd runs, and on purge remove what they made.

import { join } from "node:path";
import { PAM_FILE, SERVER_DENO_FLAGS, serviceUnit } from "../../lib/this_host/service_unit.ts";

const HERE = import.meta.dirname!;
const ROOT = join(HERE, "..", "..");
const FILES = join(HERE, "deb");

/** The package's file name for this version. */
export const debFileName = (version: string) => `kvm-manager_${version}_amd64.deb`;

/**
 * Who answers for the package: set KVMM_DEB_MAINTAINER ("Name <address>") when building a
 * package to hand out. The default names no one (example.org is reserved, RFC 2606).
 */
export const MAINTAINER = Deno.env.get("KVMM_DEB_MAINTAINER") ??
  "KVM Manager maintainers <kvm-manager@example.org>";

/** Debian's names for what the program loads at run time and what it drives. */
const DEPENDS = "libc6, libvirt0, libpam0g, libpam-runtime, passwd";
const RECOMMENDS = "libvirt-daemon-system, qemu-system-x86, qemu-utils, iptables";

export async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed:\n${text.decode(out.stderr)}`);
  return text.decode(out.stdout);
}

export async function write(
  path: string,
  text: string | Uint8Array,
  mode = 0o644,
): Promise<void> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  if (typeof text === "string") await Deno.writeTextFile(path, text);
  else await Deno.writeFile(path, text);
  await Deno.chmod(path, mode);
}

/** DEBIAN/md5sums of the package folder `pkg`, then dpkg-deb builds it into `out`; returns `out`. */
export async function packFolder(pkg: string, out: string): Promise<string> {
  const sums = await run("sh", [
    "-c",
    'cd "$1" && find . -path ./DEBIAN -prune -o -type f -print | sed "s|^\\./||" | sort | xargs -d "\\n" md5sum',
    "sh",
    pkg,
  ]);
  await write(join(pkg, "DEBIAN", "md5sums"), sums);
  await Deno.mkdir(join(out, ".."), { recursive: true });
  // gzip's default level, as the one file's (scripts/release.ts); the changelog and manual pages
  // above stay -9n, as Debian policy asks of them.
  await run("dpkg-deb", ["--root-owner-group", "-Zgzip", "-z6", "--build", pkg, out]);
  return out;
}

/** A one-entry Debian changelog, dated by the commit being built (reproducible), else now. */
export async function debianChangelog(version: string, name = "kvm-manager"): Promise<string> {
  const git = await new Deno.Command("git", {
    args: ["log", "-1", "--format=%ct"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  const seconds = git?.success ? Number(new TextDecoder().decode(git.stdout).trim()) : NaN;
  const when = Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date();
  const date = when.toUTCString().replace("GMT", "+0000");
  return `${name} (${version}) unstable; urgency=medium

  * Release ${version}: every change is in CHANGELOG.md.gz beside this file.

 -- ${MAINTAINER}  ${date}
`;
}

/** The unit the package installs: the same as install-service's, running /usr/bin/kvm-manager. */
function packageUnit(): string {
  return serviceUnit({ execStart: ["/usr/bin/kvm-manager", "serve"] }).replace(
    /^# Written by .*\n/,
    "# From the kvm-manager package. Change flags in /etc/kvm-manager/config.json, or with\n" +
      "# `systemctl edit kvm-manager` (an override that upgrades keep).\n",
  );
}

/**
 * Builds the package from `stage` (the runtime, dist/ and static/, as the one file carries them)
 * into `outDir`; returns its path.
 */
export async function buildDeb(
  { stage, outDir, version }: { stage: string; outDir: string; version: string },
): Promise<string> {
  const pkg = await Deno.makeTempDir({ prefix: "kvmm-deb-" });
  try {
    await Deno.mkdir(join(pkg, "usr", "lib"), { recursive: true });
    await run("cp", ["-r", stage, join(pkg, "usr", "lib", "kvm-manager")]);
    await run("chmod", ["-R", "u=rwX,go=rX", join(pkg, "usr", "lib", "kvm-manager")]);
    await Deno.chmod(join(pkg, "usr", "lib", "kvm-manager", "deno"), 0o755);
    const wrapper = (await Deno.readTextFile(join(FILES, "kvm-manager.sh")))
      .replace("@V8_FLAGS@", SERVER_DENO_FLAGS.join(" "));
    await write(join(pkg, "usr", "bin", "kvm-manager"), wrapper, 0o755);
    await write(join(pkg, "usr", "lib", "systemd", "system", "kvm-manager.service"), packageUnit());
    await write(join(pkg, "etc", "pam.d", "kvm-manager"), PAM_FILE);
    // Where Pacemaker finds ocf:kvm-manager:server (the stage's copy, scripts/release/ocf/).
    await write(
      join(pkg, "usr", "lib", "ocf", "resource.d", "kvm-manager", "server"),
      await Deno.readFile(join(stage, "ocf", "server")),
      0o755,
    );
    // The flags' defaults, written out so the admin sees what to change (`serve --help`).
    // (The data folder is left to its default, /var/lib/kvm-manager as root, so that other
    // accounts running kvm-manager on this host keep theirs.)
    const config = { listen: "127.0.0.1:8420" };
    await write(
      join(pkg, "etc", "kvm-manager", "config.json"),
      JSON.stringify(config, null, 2) + "\n",
    );
    const doc = join(pkg, "usr", "share", "doc", "kvm-manager");
    await write(join(doc, "copyright"), await Deno.readTextFile(join(FILES, "copyright")));
    // Debian's changelog format points to the project's own (Keep a Changelog), shipped beside it.
    await Deno.copyFile(join(ROOT, "CHANGELOG.md"), join(doc, "CHANGELOG.md"));
    await write(join(doc, "changelog"), await debianChangelog(version));
    const man = join(pkg, "usr", "share", "man", "man1", "kvm-manager.1");
    await write(
      man,
      (await Deno.readTextFile(join(FILES, "kvm-manager.1"))).replace("@VERSION@", version),
    );
    for (const file of [join(doc, "CHANGELOG.md"), join(doc, "changelog"), man]) {
      await run("gzip", ["-9n", file]);
      await Deno.chmod(`${file}.gz`, 0o644);
    }
    await write(
      join(pkg, "usr", "share", "lintian", "overrides", "kvm-manager"),
      await Deno.readTextFile(join(FILES, "lintian-overrides")),
    );

    const debian = join(pkg, "DEBIAN");
    for (const script of ["postinst", "prerm", "postrm"]) {
      await write(join(debian, script), await Deno.readTextFile(join(FILES, script)), 0o755);
    }
    await write(
      join(debian, "conffiles"),
      "/etc/kvm-manager/config.json\n/etc/pam.d/kvm-manager\n",
    );
    const kib = (await run("du", ["-sk", "--exclude=DEBIAN", pkg])).split("\t")[0];
    await write(
      join(debian, "control"),
      `Package: kvm-manager
Version: ${version}
Architecture: amd64
Maintainer: ${MAINTAINER}
Installed-Size: ${kib}
Depends: ${DEPENDS}
Recommends: ${RECOMMENDS}
Section: admin
Priority: optional
Description: run KVM/QEMU virtual machines from a browser
 KVM Manager runs this host's and other hosts' KVM/QEMU virtual machines through
 libvirt from a web browser: create, configure, clone, import, start and stop
 them, watch their load, open their consoles, manage storage pools and networks,
 back them up and schedule work. Everything it serves comes from the package
 itself: no CDN, no external database, no network at run time.
`,
    );
    return await packFolder(pkg, join(outDir, debFileName(version)));
  } finally {
    await Deno.remove(pkg, { recursive: true });
  }
}
