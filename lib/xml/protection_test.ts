import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { KVMM_NAMESPACE, parseDomainXml } from "./domain_parse.ts";
import { withProtection } from "./protection.ts";
import { markedProtected } from "./kvmm_metadata.ts";

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

Deno.test("protection xml - only the first element of our namespace counts, as libvirt keeps it", () => {
  const vm = (p: string, body = `<${p}:protected/>`) =>
    `<${p}:vm xmlns:${p}="${NS}">${body}</${p}:vm>`;
  const cases: [string, boolean][] = [
    [vm("kvmm"), true],
    [`<vm xmlns="${NS}"><protected/></vm>`, true],
    [`<vm><protected/></vm>`, false],
    ['<x:vm xmlns:x="urn:other"><x:protected/></x:vm>', false],
    [vm("a", "") + vm("b"), false],
    [`<a:other xmlns:a="${NS}"/>` + vm("b"), false],
    [vm("kvmm", "<protected/>"), false],
  ];
  for (const [metadata, marked] of cases) {
    const xml = domain(`<metadata>${metadata}</metadata>`);
    assertEquals(markedProtected(xml), marked, metadata);
    assertEquals(Boolean(parseDomainXml(xml).protected), marked, metadata);
    // Set, it is where libvirt keeps it, and what libvirt would drop of ours is gone.
    const on = withProtection(xml, true);
    assert(markedProtected(on), on);
    const ours = on.match(new RegExp(`xmlns(:\\w+)?="${NS.replace(/\//g, "\\/")}"`, "g")) ?? [];
    assertEquals(ours.length, 1, on);
    assertEquals(markedProtected(withProtection(on, false)), false, on);
  }
  // Declared on <metadata> or <domain>, the namespace is ours all the same.
  const onMeta = domain(`<metadata xmlns:k="${NS}"><k:vm><k:protected/></k:vm></metadata>`);
  assert(markedProtected(onMeta));
  assertEquals(withProtection(onMeta, true), onMeta);
  const onDomain = domain(`<metadata><k:vm><k:protected/></k:vm></metadata>`)
    .replace("<domain ", `<domain xmlns:k="${NS}" `);
  assert(markedProtected(onDomain));
});
