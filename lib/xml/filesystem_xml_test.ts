// Shared folders in domain XML: the virtiofs device, reading a domain's shares back (read-only by
// <readonly/> or by the helper), shared memory added once, devices added and removed in place.

import { assert, assertEquals } from "../../tests/support/assert.ts";

const includes = (text: string, part: string) =>
  assert(text.includes(part), `no ${JSON.stringify(part)} in:\n${text}`);
import {
  domainFilesystems,
  filesystemXml,
  hasSharedMemory,
  withFilesystem,
  withoutFilesystem,
  withSharedMemory,
} from "./filesystem_xml.ts";
import { parseXml } from "./parser.ts";

const DOMAIN = `<domain type='kvm'>
  <name>web</name>
  <memory unit='KiB'>1048576</memory>
  <currentMemory unit='KiB'>1048576</currentMemory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/libvirt/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/></interface>
    <serial type='pty'/>
  </devices>
</domain>`;

Deno.test("filesystem xml - a virtiofs share names driver, binary, source and tag", () => {
  const xml = filesystemXml({
    source: "/srv/share",
    tag: "data",
    binary: "/usr/lib/qemu/virtiofsd",
  });
  const fs = parseXml(xml).filesystem;
  assertEquals(fs["@type"], "mount");
  assertEquals(fs["@accessmode"], "passthrough");
  assertEquals(fs.driver, { "@type": "virtiofs", "@queue": "1024" });
  assertEquals(fs.binary, { "@path": "/usr/lib/qemu/virtiofsd" });
  assertEquals(fs.source, { "@dir": "/srv/share" });
  assertEquals(fs.target, { "@dir": "data" });
  assertEquals(fs.readonly, undefined);
  // Without a binary libvirt picks one from QEMU's vhost-user descriptions.
  assertEquals(
    parseXml(filesystemXml({ source: "/srv/a", tag: "a" })).filesystem.binary,
    undefined,
  );
  includes(
    filesystemXml({ source: "/srv/a", tag: "a", readonlyElement: true }),
    "<readonly",
  );
});

Deno.test("filesystem xml - text that looks like XML stays text", () => {
  const xml = filesystemXml({ source: "/srv/a'/><x y='", tag: "t" });
  assertEquals(parseXml(xml).filesystem.source["@dir"], "/srv/a'/><x y='");
});

Deno.test("filesystem xml - shares are read back with read-only from <readonly/> or the helper", () => {
  let xml = withFilesystem(DOMAIN, filesystemXml({ source: "/srv/a", tag: "a" }));
  xml = withFilesystem(
    xml,
    filesystemXml({
      source: "/srv/b",
      tag: "b",
      binary: "/var/lib/kvm-manager/virtiofsd-readonly",
    }),
  );
  xml = withFilesystem(xml, filesystemXml({ source: "/srv/c", tag: "c", readonlyElement: true }));
  const read = domainFilesystems(xml).map(({ element: _, ...fs }) => fs);
  assertEquals(read, [
    { tag: "a", source: "/srv/a", readOnly: false, driver: "virtiofs" },
    { tag: "b", source: "/srv/b", readOnly: true, driver: "virtiofs" },
    { tag: "c", source: "/srv/c", readOnly: true, driver: "virtiofs" },
  ]);
  // Before the NIC, as libvirt orders devices; the disk and NIC are kept.
  const devices = parseXml(xml).domain.devices;
  assertEquals(devices.disk.length, 1);
  assert(xml.indexOf("<filesystem") < xml.indexOf("<interface"));
});

Deno.test("filesystem xml - removing a share takes only that tag; an unknown tag is null", () => {
  let xml = withFilesystem(DOMAIN, filesystemXml({ source: "/srv/a", tag: "a" }));
  xml = withFilesystem(xml, filesystemXml({ source: "/srv/b", tag: "b" }));
  const without = withoutFilesystem(xml, "a");
  assert(without !== null);
  assertEquals(domainFilesystems(without).map((f) => f.tag), ["b"]);
  assertEquals(withoutFilesystem(xml, "zz"), null);
  assertEquals(withoutFilesystem(DOMAIN, "a"), null);
});

Deno.test("filesystem xml - shared memory is added once, other backing kept", () => {
  assertEquals(hasSharedMemory(DOMAIN), false);
  const shared = withSharedMemory(DOMAIN);
  assertEquals(hasSharedMemory(shared), true);
  const backing = parseXml(shared).domain.memoryBacking;
  assertEquals(backing.source, { "@type": "memfd" });
  assertEquals(backing.access, { "@mode": "shared" });
  assert(shared.indexOf("<memoryBacking") > shared.indexOf("<currentMemory"));
  assertEquals(withSharedMemory(shared), shared);

  const huge = DOMAIN.replace(
    "<vcpu>",
    "<memoryBacking><hugepages/><access mode='private'/></memoryBacking><vcpu>",
  );
  const b = parseXml(withSharedMemory(huge)).domain.memoryBacking;
  assertEquals(b.hugepages, "");
  assertEquals(b.access, { "@mode": "shared" });
  assertEquals(b.source, { "@type": "memfd" });
});
