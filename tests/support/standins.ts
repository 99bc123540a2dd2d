// systemctl and apt stand-ins (tests/support/standins/) for places without systemd or apt: the
// agent test guest's initramfs, and a directory an agent process's command_path points at. They
// print the real tools' formats from a small state directory, so the agent's own code runs.

const SOURCE = new URL("./standins/", import.meta.url).pathname;

/** The services the stand-in systemctl knows at first: unit → its state file's lines. */
export const STANDIN_SERVICES: Record<string, {
  load: string;
  active: string;
  sub: string;
  file: string;
  description: string;
}> = {
  "cron.service": {
    load: "loaded",
    active: "active",
    sub: "running",
    file: "enabled",
    description: "Regular background program processing daemon",
  },
  "kvmm-demo.service": {
    load: "loaded",
    active: "active",
    sub: "running",
    file: "enabled",
    description: "KVM Manager demo web server",
  },
  "report-mailer.service": {
    load: "loaded",
    active: "failed",
    sub: "failed",
    file: "disabled",
    description: "Nightly report mailer",
  },
  "ssh.service": {
    load: "loaded",
    active: "active",
    sub: "running",
    file: "enabled",
    description: "OpenBSD Secure Shell server",
  },
};

/** What the stand-in apt lists: real `apt list --upgradable` lines of a Debian 12 host. */
export const STANDIN_UPGRADABLE = [
  "base-files/oldstable 12.4+deb12u15 amd64 [upgradable from: 12.4+deb12u11]",
  "bash/oldstable 5.2.15-2+b13 amd64 [upgradable from: 5.2.15-2+b8]",
  "curl/oldstable 7.88.1-10+deb12u15 amd64 [upgradable from: 7.88.1-10+deb12u14]",
  "openssh-server/oldstable-security 1:9.2p1-2+deb12u7 amd64 [upgradable from: 1:9.2p1-2+deb12u5]",
];

/** Reads the stand-ins' sources, for image hashes. */
export async function standinSources(): Promise<string> {
  return (await Deno.readTextFile(`${SOURCE}systemctl`)) +
    (await Deno.readTextFile(`${SOURCE}apt`));
}

/**
 * Installs the stand-ins under `root`: usr/bin/systemctl, usr/bin/apt and their state in
 * usr/lib/systemctl-standin and usr/lib/apt-standin (writable). Returns usr/bin's path.
 */
export async function installStandins(root: string): Promise<string> {
  const bin = `${root}/usr/bin`;
  const units = `${root}/usr/lib/systemctl-standin`;
  const apt = `${root}/usr/lib/apt-standin`;
  for (const d of [bin, units, apt]) await Deno.mkdir(d, { recursive: true });
  for (const tool of ["systemctl", "apt"]) {
    await Deno.copyFile(`${SOURCE}${tool}`, `${bin}/${tool}`);
    await Deno.chmod(`${bin}/${tool}`, 0o755);
  }
  for (const [unit, s] of Object.entries(STANDIN_SERVICES)) {
    await Deno.writeTextFile(
      `${units}/${unit}`,
      [s.load, s.active, s.sub, s.file, s.description].join("\n") + "\n",
    );
  }
  await Deno.writeTextFile(`${apt}/upgradable`, STANDIN_UPGRADABLE.join("\n") + "\n");
  return bin;
}

/** The stand-in systemctl's state of one service: [active, sub], and how often it restarted. */
export async function standinState(
  root: string,
  unit: string,
): Promise<{ active: string; sub: string; restarts: number }> {
  const lines = (await Deno.readTextFile(`${root}/usr/lib/systemctl-standin/${unit}`)).split("\n");
  const restarts = await Deno.readTextFile(
    `${root}/usr/lib/systemctl-standin/${unit.replace(/\.service$/, "")}.restarts`,
  ).then(Number, () => 0);
  return { active: lines[1], sub: lines[2], restarts };
}
