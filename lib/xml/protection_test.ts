import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { KVMM_NAMESPACE, parseDomainXml } from "./domain_parse.ts";
import { withProtection } from "./protection.ts";

const NS = KVMM_NAMESPACE;
const domain = (metadata = "") =>
  `<domain type='kvm'><name>web</name><uuid>6b5a6f1e-0000-4000-8000-000000000001</uuid>` +
  `<description>x</description>${metadata}<memory unit='MiB'>256</memory>` +
  `<os><type>hvm</type></os><devices/></domain>`;

Deno.test("protection xml - set in our element, beside what it holds and others' metadata", () => {
  const xml = domain(
    `<metadata><kvmm:vm xmlns:kvmm="${NS}"><kvmm:os type="linux" variant="debian12"/>` +
      `<kvmm:created>2026-01-02T03:04:05.000Z</kvmm:created></kvmm:vm>` +
      `<libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">` +
      `<libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo></metadata>`,
  );
  assertEquals(parseDomainXml(xml).protected, undefined);
  const on = withProtection(xml, true);
  assertMatch(on, /<kvmm:created>2026-01-02T03:04:05\.000Z<\/kvmm:created><kvmm:protected\/>/);
  assertMatch(on, /<libosinfo:os id="http:\/\/debian\.org\/debian\/12"\/>/);
  const info = parseDomainXml(on);
  assertEquals([info.protected, info.osVariant, info.createdAt], [true, "debian12", 1767323045]);
  assertEquals(withProtection(on, true), on, "setting it twice adds nothing");
  const off = withProtection(on, false);
  assertEquals(parseDomainXml(off).protected, undefined);
  assertMatch(off, /<kvmm:os type="linux" variant="debian12"\/>/);
});

Deno.test("protection xml - a domain without metadata gets ours after the description", () => {
  const on = withProtection(domain(), true);
  assertMatch(
    on,
    new RegExp(
      `<description>x</description><metadata><kvmm:vm xmlns:kvmm="${NS}"><kvmm:protected/>` +
        `</kvmm:vm></metadata><memory`,
    ),
  );
  assertEquals(parseDomainXml(on).protected, true);
  // Cleared again, nothing of ours is left behind.
  assertEquals(withProtection(on, false), domain().replace(/'/g, '"'));
});

Deno.test("protection xml - our namespace under another prefix; a stranger's vm is not ours", () => {
  const other = domain(`<metadata><m:vm xmlns:m="${NS}"><m:os type="linux"/></m:vm></metadata>`);
  assertMatch(withProtection(other, true), /<m:os type="linux"\/><m:protected\/><\/m:vm>/);
  const stranger = domain(`<metadata><x:vm xmlns:x="https://example.org/x"/></metadata>`);
  const on = withProtection(stranger, true);
  assertMatch(
    on,
    /<x:vm xmlns:x="https:\/\/example\.org\/x"><\/x:vm>|<x:vm xmlns:x="https:\/\/example\.org\/x"\/>/,
  );
  assert(on.includes(`<kvmm:vm xmlns:kvmm="${NS}"><kvmm:protected/></kvmm:vm>`), on);
  assertEquals(parseDomainXml(on).protected, true);
});
