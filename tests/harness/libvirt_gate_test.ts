// The host health gate (libvirt_gate.ts, preload.ts) against hosts made sick on purpose, each in
// a namespace of the test's own: the host's /dev/kvm and libvirtd are never touched.
//   - /dev/kvm with another group (the fault that once cost a run 35 minutes of timeouts), laid
//     over /dev/kvm in a private mount namespace;
//   - a libvirtd whose defines hang: a daemon of the test's own (scripts/second-libvirtd.sh, its
//     own state folder and port), frozen with SIGSTOP, with real-QEMU test files started on it.

import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { run } from "../support/guest.ts";
import { checkDevKvm, checkDevPtmx, GATE_DOMAIN_PREFIX, probeHost } from "./libvirt_gate.ts";
import { guestsEntry } from "../../scripts/test_lanes.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const DENO = Deno.execPath();
/** A gid no group has on these machines: the chroot's kvm group id of the incident. */
const STRANGER_GID = 992;

/** The host's /dev/kvm as `stat` tells it, or "absent": a host with no KVM (TCG only) has none. */
function hostKvmNode(): string {
  const out = new Deno.Command("stat", { args: ["-c", "%G:%g %t:%T", "/dev/kvm"] }).outputSync();
  return out.success ? new TextDecoder().decode(out.stdout).trim() : "absent";
}

/** The kvm group's id, which libvirt's packages make whether or not the host has /dev/kvm. */
function kvmGroupId(): number {
  const out = new Deno.Command("getent", { args: ["group", "kvm"] }).outputSync();
  const gid = Number(new TextDecoder().decode(out.stdout).split(":")[2]);
  if (!out.success || !Number.isInteger(gid)) {
    throw new Error(
      "no kvm group on this host: run scripts/install-test-deps.sh (libvirt makes it)",
    );
  }
  return gid;
}

Deno.test("host health gate - /dev/ptmx must be a pty multiplexer everyone may open", async () => {
  assertEquals(checkDevPtmx("/dev/ptmx"), null, "this host's is healthy");
  const dir = await Deno.makeTempDir({ prefix: "kvmm-gate-" });
  try {
    // What a libvirt run in a chroot given the host's /dev left: a link to a devpts's ptmx
    // nobody but root may open (here, a file of mode 000 stands for it).
    await Deno.writeTextFile(`${dir}/pts-ptmx`, "");
    await Deno.chmod(`${dir}/pts-ptmx`, 0o000);
    await Deno.symlink(`${dir}/pts-ptmx`, `${dir}/ptmx`);
    const line = checkDevPtmx(`${dir}/ptmx`);
    assert(line, "a link to a ptmx nobody may open is reported");
    assertMatch(line, new RegExp(`a link to ${dir}/pts-ptmx.*Failed to create PTY.*mknod -m 666`));
    assertMatch(checkDevPtmx(`${dir}/absent`) ?? "", /is missing/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("host health gate - /dev/kvm's group is read from the node itself", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-gate-" });
  try {
    const node = `${dir}/kvm`;
    await Deno.writeTextFile(node, "");
    await Deno.chown(node, 0, STRANGER_GID);
    const line = checkDevKvm(node);
    assert(line, "a node of another group is reported");
    assertMatch(line, new RegExp(`gid ${STRANGER_GID}\\), not kvm`));
    assertMatch(line, /chgrp kvm/);
    await Deno.chown(node, 0, kvmGroupId());
    assertEquals(checkDevKvm(node), null, "the kvm group is healthy");
    assertEquals(checkDevKvm(`${dir}/absent`), null, "no /dev/kvm is TCG only: healthy");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("host health gate - /dev/kvm of another group, in a mount namespace of its own", async () => {
  const before = hostKvmNode();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-gate-dev-" });
  try {
    // A private mount namespace whose /dev is the host's seen through an overlay (its changes in a
    // tmpfs of the test's): a KVM node (10:232) of a stranger's group is made there as /dev/kvm,
    // whether or not the host has one (hosts without KVM have none), and the gate runs as a
    // program inside. The host's /dev is never written.
    const out = await new Deno.Command("unshare", {
      args: [
        "-m",
        "--propagation",
        "private",
        "--",
        "bash",
        "-euc",
        `mount -t tmpfs tmpfs "$1"; mkdir "$1/upper" "$1/work"; ` +
        `mount -t overlay overlay -o "lowerdir=/dev,upperdir=$1/upper,workdir=$1/work" /dev; ` +
        `rm -f /dev/kvm; mknod /dev/kvm c 10 232; chgrp ${STRANGER_GID} /dev/kvm; ` +
        `exec "$2" run -A --no-check "$3"`,
        "gate",
        dir,
        DENO,
        `${ROOT}tests/harness/libvirt_gate.ts`,
      ],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const said = new TextDecoder().decode(out.stdout).trim();
    assertEquals(out.code, 1, `${said} ${new TextDecoder().decode(out.stderr)}`);
    assertEquals(said.split("\n").length, 1, "one line");
    assertMatch(said, /^host health gate: \/dev\/kvm belongs to group .*gid 992\), not kvm/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assertEquals(hostKvmNode(), before, "the host's /dev/kvm is as it was (or still absent)");
});

const SICK_BASE = "/tmp/kvmm-gate-libvirtd";
const SICK_PORT = "16597";
const SCRIPT = `${ROOT}scripts/second-libvirtd.sh`;
const daemonEnv = { KVMM_MIG_BASE: SICK_BASE, KVMM_MIG_PORT: SICK_PORT };

async function daemon(action: "start" | "stop"): Promise<string> {
  const out = await new Deno.Command("bash", {
    args: [SCRIPT, action],
    env: daemonEnv,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  if (!out.success) throw new Error(`${action}: ${text.decode(out.stderr)}`);
  return text.decode(out.stdout).trim().split("\n").pop() ?? "";
}

/** Real-QEMU test files a run would start on: none of their own tests may run. */
const TIER = ["tests/qemu_test.ts", "tests/qemu_create_test.ts", "tests/qemu_snapshot_test.ts"];

Deno.test("host health gate - defines that hang stop the real-libvirt tier with one line", async () => {
  const uri = await daemon("start");
  const pid = Number((await Deno.readTextFile(`${SICK_BASE}/run/libvirtd.pid`)).trim());
  let frozen = false;
  try {
    // Healthy first: the same probe passes and leaves no domain behind.
    assertEquals(
      await probeHost({ uri, socket: null, devKvm: "/dev/kvm", devPtmx: "/dev/ptmx" }),
      null,
    );
    assertEquals(await gateDomains(uri), []);

    Deno.kill(pid, "SIGSTOP");
    frozen = true;
    const started = performance.now();
    const out = await new Deno.Command(DENO, {
      args: ["test", "-A", "--no-check", "--preload", "tests/harness/preload.ts", ...TIER],
      cwd: ROOT,
      env: { NO_COLOR: "1", KVMM_GATE_URI: uri },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const took = (performance.now() - started) / 1000;
    const text = new TextDecoder();
    const said = text.decode(out.stdout) + text.decode(out.stderr);
    console.log(`[gate] the sick tier of ${TIER.length} files ended in ${took.toFixed(1)} s`);
    assertEquals(out.code, 1, said);
    // The one line: printed once, when the first module probed; then each module's error.
    const sick = "host health gate: libvirtd did not define a tiny domain within 5 s on ";
    const lines = said.split("\n");
    assertEquals(lines.filter((l) => l.startsWith(sick)).length, 1, said);
    assertEquals(lines.filter((l) => l.includes(sick)).length, 1 + TIER.length, said);
    assertMatch(said, /check `stat -c %G \/dev\/kvm`/);
    // Each module failed once, by the gate, and none of its own tests ran.
    for (const file of TIER) {
      assertMatch(said, new RegExp(`running 1 test from \\./${file.replace(".", "\\.")}\\n`));
      assertMatch(
        said,
        new RegExp(`host health gate \\(${file.replace(".", "\\.")}\\) \\.\\.\\. FAILED`),
      );
    }
    assertMatch(said, new RegExp(`FAILED \\| 0 passed \\| ${TIER.length} failed`));
    assertEquals(said.match(/ \.\.\. (ok|FAILED)/g)?.length, TIER.length, said);

    // The guests' lane's way: the same files in one isolate behind one entry. The gate probes
    // before any of them loads; the lane fails once, with the line, and none of their tests ran.
    const entryDir = await Deno.makeTempDir({ prefix: "kvmm-gate-entry-" });
    try {
      const entry = `${entryDir}/guests_one_isolate_test.ts`;
      await Deno.writeTextFile(entry, guestsEntry(TIER));
      const lane = await new Deno.Command(DENO, {
        args: ["test", "-A", "--no-check", "--preload", "tests/harness/preload.ts", entry],
        cwd: ROOT,
        env: { NO_COLOR: "1", KVMM_GATE_URI: uri },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const laneSaid = text.decode(lane.stdout) + text.decode(lane.stderr);
      assertEquals(lane.code, 1, laneSaid);
      assertEquals(laneSaid.split("\n").filter((l) => l.startsWith(sick)).length, 1, laneSaid);
      assertMatch(laneSaid, /host health gate \(.*guests_one_isolate_test\.ts\) \.\.\. FAILED/);
      assertMatch(laneSaid, /FAILED \| 0 passed \| 1 failed/);
      assertEquals(laneSaid.match(/ \.\.\. (ok|FAILED)/g)?.length, 1, laneSaid);
    } finally {
      await Deno.remove(entryDir, { recursive: true });
    }
  } finally {
    if (frozen) Deno.kill(pid, "SIGCONT");
    // The frozen define completes once the daemon runs again: the daemon goes, and with it that.
    await daemon("stop");
    await Deno.remove(SICK_BASE, { recursive: true }).catch(() => {});
  }
});

async function gateDomains(uri: string): Promise<string[]> {
  return (await run("virsh", ["-q", "-c", uri, "list", "--all", "--name"])).split("\n")
    .map((s) => s.trim()).filter((s) => s.startsWith(GATE_DOMAIN_PREFIX));
}
