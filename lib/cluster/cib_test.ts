// The CIB elements of an HA VM, as Pacemaker will read them.

import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { parseXml } from "../xml/parser.ts";
import { preferNode, resourceIdFor, virtualDomainPrimitive } from "./cib.ts";

const spec = {
  id: "web",
  config: '/var/lib/libvirt/images/shared/.kvmm-ha/a&b"<c>.xml',
  allowMigrate: true,
  priority: 10,
  startTimeoutS: 90,
  stopTimeoutS: 120,
  targetRole: "Stopped" as const,
};

Deno.test("cib - a VirtualDomain primitive keeps every value, true included, escaped", () => {
  const xml = virtualDomainPrimitive(spec);
  // fast-xml-parser's default would write `value` bare for "true", which Pacemaker reads as unset.
  assert(xml.includes('name="allow-migrate" value="true"'), xml);
  assert(xml.includes('name="kvmm-managed" value="true"'), xml);
  const p = parseXml(xml).primitive;
  assertEquals([p["@class"], p["@provider"], p["@type"]], ["ocf", "heartbeat", "VirtualDomain"]);
  const params = Object.fromEntries(
    [p.instance_attributes.nvpair].flat().map((
      n: Record<string, string>,
    ) => [n["@name"], n["@value"]]),
  );
  assertEquals(params, {
    config: spec.config,
    hypervisor: "qemu:///system",
    migration_transport: "ssh",
  });
  const meta = Object.fromEntries(
    [p.meta_attributes.nvpair].flat().map((n: Record<string, string>) => [n["@name"], n["@value"]]),
  );
  assertEquals(meta, {
    "allow-migrate": "true",
    priority: "10",
    "target-role": "Stopped",
    "kvmm-managed": "true",
  });
  const ops = [p.operations.op].flat().map((
    o: Record<string, string>,
  ) => [o["@name"], o["@timeout"]]);
  assertEquals(ops.slice(0, 2), [["start", "90s"], ["stop", "120s"]]);
  const withOptions = virtualDomainPrimitive({
    ...spec,
    migrateOptions: "--unsafe",
    migrationTransport: "tcp",
  });
  assert(withOptions.includes('name="migrate_options" value="--unsafe"'));
  assert(withOptions.includes('name="migration_transport" value="tcp"'));
});

Deno.test("cib - resource ids are XML ids; a node preference names its node as an attribute", () => {
  assertEquals(resourceIdFor("web-1.prod"), "web-1.prod");
  assertEquals(resourceIdFor("1st vm"), "vm_1st_vm");
  assertEquals(resourceIdFor("déjà"), "d_j_");
  assertThrows(() => virtualDomainPrimitive({ ...spec, id: "a b" }), Error);
  const xml = preferNode("web", 'node"1');
  assertEquals(parseXml(xml).rsc_location["@node"], 'node"1');
});
