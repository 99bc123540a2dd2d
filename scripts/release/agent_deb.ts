// The guest agent's Debian package, kvm-manager-agent_VERSION_amd64.deb, for Debian and Ubuntu
// guests: the agent bundle with the Deno runtime under /usr/lib/kvm-manager-agent, its unit
// (agent/kvmm-agent.service, running that runtime), a udev rule that starts it when the host adds
// the virtio-serial port, and /etc/kvmm-agent/config.json (agent/config.example.json) as a
// conffile. The maintainer scripts enable and start the unit where systemd runs, and purge removes
// the agent's state and cache folders.

import { join } from "node:path";
import { debianChangelog, MAINTAINER, packFolder, run, write } from "./deb.ts";

const HERE = import.meta.dirname!;
const ROOT = join(HERE, "..", "..");
const PACKAGE = "kvm-manager-agent";
const LIB = `/usr/lib/${PACKAGE}`;

/** The package's file name for this version. */
export const agentDebFileName = (version: string) => `${PACKAGE}_${version}_amd64.deb`;

/** agent/kvmm-agent.service with the packaged runtime and bundle in its ExecStart. */
async function packageUnit(): Promise<string> {
  const unit = await Deno.readTextFile(join(ROOT, "agent", "kvmm-agent.service"));
  const from = "ExecStart=/usr/bin/deno run --allow-all --no-prompt --no-config " +
    "/usr/local/lib/kvmm-agent/kvmm-agent.js";
  if (!unit.includes(from)) throw new Error("agent/kvmm-agent.service: ExecStart changed");
  return unit.replace(
    from,
    `ExecStart=${LIB}/deno run --allow-all --no-prompt --no-config --no-lock ${LIB}/kvmm-agent.js`,
  );
}

/** Starts the agent when the host's port appears (a hot-plugged channel too). */
const UDEV_RULE =
  `# From the ${PACKAGE} package: start the KVM Manager guest agent when its port appears.
SUBSYSTEM=="virtio-ports", ATTR{name}=="org.kvmmanager.agent.0", TAG+="systemd", ENV{SYSTEMD_WANTS}+="kvmm-agent.service"
`;

const POSTINST = `#!/bin/sh
# ${PACKAGE} postinst: enable the agent, and start it where systemd runs; never fail over it.
set -e

if [ "$1" = configure ]; then
  if command -v deb-systemd-helper >/dev/null; then
    deb-systemd-helper unmask kvmm-agent.service >/dev/null || true
    deb-systemd-helper enable kvmm-agent.service >/dev/null || true
  fi
  if [ -d /run/systemd/system ]; then
    systemctl --system daemon-reload >/dev/null || true
    deb-systemd-invoke restart kvmm-agent.service >/dev/null ||
      echo "${PACKAGE}: the agent did not start; see: journalctl -u kvmm-agent" >&2
  elif [ -n "$2" ]; then
    echo "${PACKAGE}: systemd does not run here: an agent you started still runs $2; stop it and start it again as ExecStart in /usr/lib/systemd/system/kvmm-agent.service says"
  else
    echo "${PACKAGE}: systemd does not run here: start the agent yourself as ExecStart in /usr/lib/systemd/system/kvmm-agent.service says"
  fi
fi

exit 0
`;

const PRERM = `#!/bin/sh
# ${PACKAGE} prerm: stop the agent before its files go (on upgrade postinst restarts it).
set -e

if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  deb-systemd-invoke stop kvmm-agent.service >/dev/null || true
fi

exit 0
`;

const POSTRM = `#!/bin/sh
# ${PACKAGE} postrm: purge removes the agent's state (its default allowed folder) and cache.
set -e

if [ -d /run/systemd/system ]; then
  systemctl --system daemon-reload >/dev/null || true
fi

if [ "$1" = remove ] && command -v deb-systemd-helper >/dev/null; then
  deb-systemd-helper mask kvmm-agent.service >/dev/null || true
fi

if [ "$1" = purge ]; then
  if command -v deb-systemd-helper >/dev/null; then
    deb-systemd-helper purge kvmm-agent.service >/dev/null || true
    deb-systemd-helper unmask kvmm-agent.service >/dev/null || true
  fi
  rm -rf /var/lib/kvmm-agent /var/cache/kvmm-agent
fi

exit 0
`;

/** Builds the package from `stage` (deno, kvmm-agent.js) into `outDir`; returns its path. */
export async function buildAgentDeb(
  { stage, outDir, version }: { stage: string; outDir: string; version: string },
): Promise<string> {
  const pkg = await Deno.makeTempDir({ prefix: "kvmm-agent-deb-" });
  try {
    const lib = join(pkg, LIB.slice(1));
    await Deno.mkdir(lib, { recursive: true });
    await Deno.copyFile(join(stage, "deno"), join(lib, "deno"));
    await Deno.chmod(join(lib, "deno"), 0o755);
    await Deno.copyFile(join(stage, "kvmm-agent.js"), join(lib, "kvmm-agent.js"));
    await Deno.chmod(join(lib, "kvmm-agent.js"), 0o644);
    await write(
      join(pkg, "usr", "lib", "systemd", "system", "kvmm-agent.service"),
      await packageUnit(),
    );
    await write(join(pkg, "usr", "lib", "udev", "rules.d", "60-kvmm-agent.rules"), UDEV_RULE);
    await write(
      join(pkg, "etc", "kvmm-agent", "config.json"),
      await Deno.readTextFile(join(ROOT, "agent", "config.example.json")),
    );
    const doc = join(pkg, "usr", "share", "doc", PACKAGE);
    await write(
      join(doc, "copyright"),
      await Deno.readTextFile(join(HERE, "deb", "copyright")).then((text) =>
        text.replace("Upstream-Name: kvm-manager", `Upstream-Name: ${PACKAGE}`)
          .replaceAll("usr/lib/kvm-manager/deno", `${LIB.slice(1)}/deno`)
      ),
    );
    await Deno.copyFile(join(ROOT, "agent", "PROTOCOL.md"), join(doc, "PROTOCOL.md"));
    await Deno.copyFile(join(ROOT, "CHANGELOG.md"), join(doc, "CHANGELOG.md"));
    await write(join(doc, "changelog"), await debianChangelog(version, PACKAGE));
    for (const name of ["PROTOCOL.md", "CHANGELOG.md", "changelog"]) {
      const file = join(doc, name);
      await run("gzip", ["-9n", file]);
      await Deno.chmod(`${file}.gz`, 0o644);
    }
    await write(
      join(pkg, "usr", "share", "lintian", "overrides", PACKAGE),
      (await Deno.readTextFile(join(HERE, "deb", "lintian-overrides")))
        .replaceAll("kvm-manager:", `${PACKAGE}:`)
        .replaceAll("usr/lib/kvm-manager/deno", `${LIB.slice(1)}/deno`),
    );

    const debian = join(pkg, "DEBIAN");
    await write(join(debian, "postinst"), POSTINST, 0o755);
    await write(join(debian, "prerm"), PRERM, 0o755);
    await write(join(debian, "postrm"), POSTRM, 0o755);
    await write(join(debian, "conffiles"), "/etc/kvmm-agent/config.json\n");
    const kib = (await run("du", ["-sk", "--exclude=DEBIAN", pkg])).split("\t")[0];
    await write(
      join(debian, "control"),
      `Package: ${PACKAGE}
Version: ${version}
Architecture: amd64
Maintainer: ${MAINTAINER}
Installed-Size: ${kib}
Depends: libc6
Section: admin
Priority: optional
Description: KVM Manager's guest agent
 Runs inside a virtual machine that KVM Manager manages and answers it over a
 virtio-serial port: the guest's facts, network addresses, disk usage, logged-in
 users, services, pending updates, and commands and files within the policy in
 /etc/kvmm-agent/config.json. It carries its own Deno runtime.
`,
    );
    return await packFolder(pkg, join(outDir, agentDebFileName(version)));
  } finally {
    await Deno.remove(pkg, { recursive: true });
  }
}
