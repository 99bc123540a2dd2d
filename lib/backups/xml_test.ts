import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import {
  backupVolumeXml,
  backupXml,
  checkpointXml,
  restoredDomainXml,
  selectDisks,
} from "./xml.ts";
import { parseXml } from "../xml/parser.ts";

const DOMAIN = `<domain type='kvm'>
  <name>web</name>
  <uuid>6b5a6f1e-0000-4000-8000-000000000001</uuid>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/><source file='/pool/web.qcow2'/><target dev='vda' bus='virtio'/>
    </disk>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='raw'/><source pool='data' volume='web-data.img'/><target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
    <disk type='file' device='disk'><source file='/shared.img'/><target dev='vdc' bus='virtio'/><readonly/></disk>
    <disk type='network' device='disk'><source protocol='nbd' name='x'/><target dev='vdd' bus='virtio'/></disk>
    <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='default'/></interface>
    <serial type='pty'><log file='/var/log/libvirt/qemu/web-serial.log' append='off'/><target port='0'/></serial>
    <console type='pty'><log file='/var/log/other.log'/><target type='serial' port='0'/></console>
  </devices>
</domain>`;

Deno.test("backup xml - disks taken and left out, with why", () => {
  const { disks, skipped } = selectDisks(DOMAIN);
  assertEquals(disks, [
    { target: "vda", path: "/pool/web.qcow2", pool: null, volume: null, format: "qcow2" },
    { target: "vdb", path: null, pool: "data", volume: "web-data.img", format: "raw" },
  ]);
  assertEquals(skipped, [
    { target: "sda", reason: "a cdrom" },
    { target: "vdc", reason: "read-only" },
    { target: "vdd", reason: "a network disk without a local source" },
  ]);
});

Deno.test("backup xml - backup, checkpoint and overlay documents", () => {
  const b = parseXml(backupXml([{ target: "vda", path: "/b/x'.qcow2" }], "kvmm-1"));
  assertEquals(b.domainbackup.incremental, "kvmm-1");
  const [d] = b.domainbackup.disks.disk;
  assertEquals([d["@name"], d.target["@file"], d.driver["@type"]], ["vda", "/b/x'.qcow2", "qcow2"]);
  assert(!backupXml([], null).includes("incremental"));
  const c = parseXml(checkpointXml("kvmm-2", ["vda", "vdb"]));
  assertEquals(c.domaincheckpoint.name, "kvmm-2");
  assertEquals(c.domaincheckpoint.disks.disk.map((d: any) => d["@checkpoint"]), [
    "bitmap",
    "bitmap",
  ]);
  const v = parseXml(backupVolumeXml("inc.qcow2", 1024, "/b/full.qcow2")).volume;
  assertEquals([v.capacity["#text"], v.backingStore.path, v.target.compat], [
    "1024",
    "/b/full.qcow2",
    "1.1",
  ]);
  assertEquals(parseXml(backupVolumeXml("f.qcow2", 1, null)).volume.backingStore, undefined);
});

Deno.test("backup xml - a restored definition takes the original's cloud-init seed out of its drive", () => {
  const seeded = DOMAIN.replace("/iso/x.iso", "/pool/web-cidata.iso");
  const d = parseXml(restoredDomainXml(seeded, { name: "web2", disks: new Map() })).domain;
  const cdrom = d.devices.disk.find((x: { "@device"?: string }) => x["@device"] === "cdrom");
  assertEquals(cdrom.source, undefined, "the drive stays, empty");
  assertEquals(cdrom.target["@dev"] !== undefined, true);
});

Deno.test("backup xml - a restored definition: new name, no identity, new disks, own logs", () => {
  const xml = restoredDomainXml(DOMAIN, {
    name: "web2",
    disks: new Map([
      ["vda", { path: "/pool/web2-vda.qcow2", format: "qcow2" }],
      ["vdb", { path: "/pool/web2-vdb.img", format: "raw" }],
    ]),
  });
  const d = parseXml(xml).domain;
  assertEquals(d.name, "web2");
  assertEquals(d.uuid, undefined);
  assertEquals(d.devices.interface[0].mac, undefined);
  const [vda, vdb, cdrom] = d.devices.disk;
  assertEquals([vda["@type"], vda.source["@file"]], ["file", "/pool/web2-vda.qcow2"]);
  assertEquals([vdb["@type"], vdb.source["@file"], vdb.driver["@type"]], [
    "file",
    "/pool/web2-vdb.img",
    "raw",
  ]);
  assertEquals(vdb.source["@pool"], undefined);
  assertEquals(cdrom.source["@file"], "/iso/x.iso", "a cdrom stays as it was");
  // The read-only disk stays; the writable network disk the backup did not hold is left out:
  // kept, the restored VM would write into the original's.
  assertEquals(d.devices.disk.map((x: { target: { "@dev": string } }) => x.target["@dev"]), [
    "vda",
    "vdb",
    "sda",
    "vdc",
  ]);
  const shared = restoredDomainXml(
    DOMAIN.replace(
      "<target dev='vdd' bus='virtio'/>",
      "<target dev='vdd' bus='virtio'/><shareable/>",
    ),
    { name: "web2", disks: new Map() },
  );
  assertMatch(shared, /<target dev="vdd"/, "a shareable disk stays");
  assertEquals(d.devices.serial[0].log["@file"], "/var/log/libvirt/qemu/web2-serial.log");
  assertEquals(d.devices.console[0].log, undefined, "a log not named after the VM is dropped");
  assertMatch(xml, /<target dev="vda" bus="virtio"\/?>/);
});
