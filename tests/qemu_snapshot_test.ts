// Real-QEMU snapshot tests through the API on qemu:///system: a running TCG guest snapshotted
// running and paused, reverted to each from shut off, the tree and current checked against
// virsh, deleted with children; libvirt's refusals (a raw disk, UEFI pflash) in its own words.
// Fails (never skips) without libvirtd. Touches only kvmm-test-snap-* domains and volumes.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import type { SnapshotInfo } from "../shared/snapshots.ts";
import {
  assertLibvirtReachable,
  defineTestGuest,
  domstate,
  serialLogPath,
  TEST_POOL,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import { withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-test-snap-";

const orNull = (p: Promise<string>) => p.then((out) => out, () => null);

/** Removes one of our guests with its snapshots' metadata, NVRAM, serial log and volumes. */
async function removeGuest(name: string): Promise<void> {
  assert(name.startsWith(PREFIX), name);
  await orNull(virsh("destroy", name));
  const gone = await orNull(
    virsh("undefine", name, "--snapshots-metadata", "--checkpoints-metadata", "--nvram"),
  );
  if (gone === null) await orNull(virsh("undefine", name));
  await Deno.remove(serialLogPath(name)).catch(() => {});
  const vols = await orNull(virsh("vol-list", TEST_POOL));
  for (const line of (vols ?? "").split("\n").slice(2)) {
    const vol = line.trim().split(/\s+/)[0];
    if (vol?.startsWith(name)) await orNull(virsh("vol-delete", "--pool", TEST_POOL, vol));
  }
}

/** Leftovers of an earlier crashed run: only our prefix, never other helpers' guests. */
async function removeLeftovers(): Promise<void> {
  const names = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim());
  for (const name of names.filter((n) => n.startsWith(PREFIX))) await removeGuest(name);
}

const snapshotNames = async (name: string) =>
  (await virsh("snapshot-list", name, "--name")).split("\n").map((s) => s.trim()).filter(Boolean);

Deno.test("qemu snapshots - running and paused snapshots revert to their states; tree; delete with children", async () => {
  await assertLibvirtReachable();
  await removeLeftovers();
  const name = `${PREFIX}${crypto.randomUUID().slice(0, 8)}`;
  try {
    const guest = await defineTestGuest(name);
    await virsh("start", name);
    await waitForGuestReady(name);
    const path = `/api/vms/${guest.uuid}/snapshots`;

    await withRealApp({}, async ({ call, events }) => {
      // libvirt refuses an internal snapshot of a raw disk; VALIDATE leaves nothing behind.
      const raw = `${name}-raw.img`;
      await virsh("vol-create-as", TEST_POOL, raw, "1M", "--format", "raw");
      const rawPath = (await virsh("vol-path", "--pool", TEST_POOL, raw)).trim();
      await virsh("attach-disk", name, rawPath, "vdb", "--live", "--subdriver", "raw");
      const refused = await call("POST", path, { name: "s0" });
      assertEquals([refused.status, refused.body.code], [409, "SNAPSHOT_UNSUPPORTED"]);
      assertEquals(
        refused.body.message,
        "Cannot create snapshot s0: unsupported configuration: internal snapshot for disk vdb " +
          "unsupported for storage type raw",
      );
      assertEquals(await snapshotNames(name), []);
      await virsh("detach-disk", name, "vdb", "--live");

      const s1 = await call("POST", path, { name: "s1", description: "taken running" });
      assertEquals(s1.status, 201, JSON.stringify(s1.body));
      const one = s1.body as SnapshotInfo;
      assertEquals([one.state, one.memory, one.current, one.quiesced], [
        "running",
        true,
        true,
        false,
      ]);
      await virsh("suspend", name);
      const s2 = await call("POST", path, { name: "s2" });
      assertEquals(s2.status, 201, JSON.stringify(s2.body));
      assertEquals([s2.body.state, s2.body.parent, s2.body.depth], ["paused", "s1", 1]);
      assertEquals(await domstate(name), "paused", "a snapshot leaves the VM as it was");

      // A clash and a disk-only request on a paused VM are refused before libvirt.
      const clash = await call("POST", path, { name: "s1" });
      assertEquals([clash.status, clash.body.message], [409, "Snapshot already exists: s1"]);
      const diskOnly = await call("POST", path, { name: "s3", memory: false });
      assertEquals(diskOnly.status, 409);
      assertMatch(diskOnly.body.message, /^Cannot snapshot kvmm-test-snap-\S+ without its memory/);

      await virsh("destroy", name);
      let r = await call("POST", `${path}/s1/revert`);
      assertEquals([r.status, r.body], [200, { state: "running" }]);
      assertEquals(await domstate(name), "running");
      r = await call("POST", `${path}/s2/revert`);
      assertEquals([r.status, r.body], [200, { state: "paused" }]);
      assertEquals(await domstate(name), "paused");

      const list = await call("GET", path);
      assertEquals(list.status, 200);
      assertEquals(
        (list.body.snapshots as SnapshotInfo[]).map((s) => [s.name, s.depth, s.current, s.state]),
        [["s1", 0, false, "running"], ["s2", 1, true, "paused"]],
      );
      assertEquals(list.body.current, "s2");
      assertEquals(list.body.snapshots[0].description, "taken running");
      assertEquals((await virsh("snapshot-current", name, "--name")).trim(), "s2");
      assertEquals((await virsh("snapshot-parent", name, "s2")).trim(), "s1");

      r = await call("DELETE", `${path}/s1?children=true`);
      assertEquals([r.status, r.body], [200, { deleted: ["s1", "s2"] }]);
      assertEquals(await snapshotNames(name), []);
      assertEquals((await call("GET", path)).body, { snapshots: [], current: null });

      const changed = events.filter((e) => e.type === "snapshots-changed");
      assertEquals(changed.length, 5, "2 creates, 2 reverts, 1 delete");
      assert(changed.every((e) => "vmId" in e && e.vmId === guest.uuid));
    });
  } finally {
    await removeGuest(name);
  }
});

Deno.test("qemu snapshots - a running UEFI VM: libvirt's refusal with an explanation", async () => {
  await assertLibvirtReachable();
  const name = `${PREFIX}uefi-${crypto.randomUUID().slice(0, 8)}`;
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await virsh("vol-create-as", TEST_POOL, `${name}.qcow2`, "16M", "--format", "qcow2");
    const disk = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
    // OVMF only has to be running, not to boot anything.
    await Deno.writeTextFile(
      file,
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
        <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>
        <features><acpi/></features>
        <devices>
          <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
            <source file='${disk}'/><target dev='vda' bus='virtio'/></disk>
          <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
        </devices>
      </domain>`,
    );
    await virsh("define", file);
    await virsh("start", name);
    await withRealApp({}, async ({ call }) => {
      const path = `/api/vms/${name}/snapshots`;
      const r = await call("POST", path, { name: "u1" });
      assertEquals([r.status, r.body.code], [409, "SNAPSHOT_UNSUPPORTED"], JSON.stringify(r.body));
      assertEquals(
        r.body.message,
        "Cannot create snapshot u1: Operation not supported: internal snapshots of a VM with " +
          "pflash based firmware are not supported (UEFI firmware keeps its variables in a " +
          "separate pflash NVRAM file, which this libvirt version cannot put in an internal " +
          "snapshot of a running VM: shut the VM down to snapshot its disks, or back it up " +
          "instead.)",
      );
      assertEquals(await snapshotNames(name), []);

      // What the explanation advises works: shut down, the disks are snapshotted.
      await virsh("destroy", name);
      const off = await call("POST", path, { name: "u2" });
      assertEquals(off.status, 201, JSON.stringify(off.body));
      assertEquals([off.body.state, off.body.memory], ["shutoff", false]);
      assertEquals(await snapshotNames(name), ["u2"]);
    });
  } finally {
    await Deno.remove(file).catch(() => {});
    await removeGuest(name);
  }
});
