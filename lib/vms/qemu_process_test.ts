import { assert, assertEquals } from "../../tests/support/assert.ts";
import { guestNameOf, qemuRunDir, qemuStartedAt, SYSTEM_QEMU_RUN_DIR } from "./qemu_process.ts";

Deno.test("qemu process - only a local qemu URI has a run dir", () => {
  assertEquals(qemuRunDir("qemu:///system"), SYSTEM_QEMU_RUN_DIR);
  assertEquals(qemuRunDir("qemu+unix:///system"), SYSTEM_QEMU_RUN_DIR);
  for (
    const uri of [
      "qemu+ssh://root@host/system",
      "qemu+tcp://10.0.0.1/system",
      "qemu+unix:///system?socket=/tmp/other-sock",
      "test:///default",
      "lxc:///",
      "not a uri",
    ]
  ) assertEquals(qemuRunDir(uri), null, uri);
});

Deno.test("qemu process - the guest name is read from QEMU's -name option", () => {
  assertEquals(guestNameOf("guest=web,debug-threads=on"), "web");
  assertEquals(guestNameOf("guest=web"), "web");
  assertEquals(guestNameOf("guest=a,,b,debug-threads=on"), "a,b");
  assertEquals(guestNameOf("-name"), null);
});

/** A real process whose command line holds "guest=NAME", with its pid in `dir`/NAME.pid. */
async function fakeQemu(dir: string, name: string) {
  const child = new Deno.Command("sh", {
    // "; exit": a last simple command the shell would exec in its place, and the command line
    // read from /proc would then be sleep's, without the guest's name.
    args: ["-c", "sleep 30; exit 0", `guest=${name.replaceAll(",", ",,")},debug-threads=on`],
    stdout: "null",
    stderr: "null",
  }).spawn();
  await Deno.writeTextFile(`${dir}/${name}.pid`, `${child.pid}`);
  return child;
}

Deno.test("qemu process - a VM's start is its process's start, read from /proc", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-run-" });
  const spawnedAt = Date.now();
  const child = await fakeQemu(dir, "web,1");
  try {
    const at = await qemuStartedAt(dir, "web,1");
    // Ticks are hundredths, and a loaded machine may fork the child a while after spawnedAt. With
    // /proc/stat's btime (whole seconds, drifting from the boot clock) this was 1.5 s off once.
    assert(
      at !== null && Math.abs(at - spawnedAt) < 1500,
      `started at ${at}, spawned ${spawnedAt}`,
    );
    // A pid file naming another VM's process (stale, or reused) is not believed.
    await Deno.copyFile(`${dir}/web,1.pid`, `${dir}/db.pid`);
    assertEquals(await qemuStartedAt(dir, "db"), null);
    assertEquals(await qemuStartedAt(dir, "missing"), null);
    assertEquals(await qemuStartedAt(dir, "../web,1"), null);
  } finally {
    child.kill();
    await child.status;
    await Deno.remove(dir, { recursive: true });
  }
});
