import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { fakeHost } from "../../tests/support/fake_sysfs.ts";
import { localHostFiles } from "./host_files.ts";
import { hostUses } from "./host_use.ts";
import { MAX_SNAPSHOT_BYTES, readSnapshot, snapshotFiles } from "./remote_snapshot.ts";

/** The script run here by sh over `roots`, as ssh runs it on a remote host over its own. */
const viaScript = (roots: { sys: string; proc: string }) =>
  readSnapshot(["sh", "-s", "--", roots.sys, roots.proc], roots);

Deno.test("remote snapshot - the script's rows give the same host use as walking the files (bridge, bond, LVM, console GPU)", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-sys-" });
  try {
    const roots = await fakeHost(root);
    const walked = await hostUses(localHostFiles(roots));
    assertEquals(walked.size, 3);
    assertEquals(await hostUses(await viaScript(roots)), walked);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("remote snapshot - this machine read by the script: the same devices as walking /sys and /proc", async () => {
  const roots = { sys: "/sys", proc: "/proc" };
  const snapshot = await viaScript(roots);
  const walked = await hostUses(localHostFiles(roots));
  assert(walked.size >= 2, "this machine's route NIC and root disk controller");
  assertEquals(await hostUses(snapshot), walked);
  // The kernel command line (for the IOMMU advice) comes along, as the file reads.
  assertEquals(
    await snapshot.readText("/proc/cmdline"),
    await Deno.readTextFile("/proc/cmdline"),
  );
});

Deno.test("remote snapshot - rows: tabs inside a line kept, absent things read as nothing", async () => {
  const files = snapshotFiles(
    "T\t/p/net/route\tIface\tDestination\nT\t/p/net/route\tbr0\t00000000\n" +
      "R\t/s/class/net/e/device\t/s/devices/pci0000:00/0000:00:1c.0\nD\t/s/x\tb\nD\t/s/x\ta\n" +
      "garbage\n\nR\t/s/empty\t\n",
    { sys: "/s", proc: "/p" },
  );
  assertEquals(await files.readText("/p/net/route"), "Iface\tDestination\nbr0\t00000000\n");
  assertEquals(await files.readText("/p/none"), "");
  assertEquals(await files.realPath("/s/class/net/e/device"), "/s/devices/pci0000:00/0000:00:1c.0");
  assertEquals(await files.realPath("/s/empty"), null);
  assertEquals(await files.readDir("/s/x"), ["a", "b"]);
  assertEquals(await files.readDir("/s/none"), []);
});

Deno.test("remote snapshot - refused: a failing command (its last words), one that never ends, one that prints too much", async () => {
  const roots = { sys: "/sys", proc: "/proc" };
  const words =
    "cat >/dev/null; echo first >&2; echo 'Permission denied (publickey).' >&2; exit 255";
  const failed = await assertRejects(() => readSnapshot(["sh", "-c", words], roots), Error);
  assertEquals(failed.message, "Permission denied (publickey).");

  // These words only for a child ended by SIGKILL, and they name the 0.3 s limit (not the
  // default 20 s): killed at its time limit, not run out.
  const silent = await assertRejects(
    () => readSnapshot(["sh", "-c", "exec sleep 30"], roots, 300),
    Error,
  );
  assertEquals(silent.message, "no answer in 0.3 s");

  const flood = `cat >/dev/null; head -c ${MAX_SNAPSHOT_BYTES + 10} /dev/zero`;
  const big = await assertRejects(() => readSnapshot(["sh", "-c", flood], roots), Error);
  assertEquals(big.message, `more than ${MAX_SNAPSHOT_BYTES} bytes`);
});
