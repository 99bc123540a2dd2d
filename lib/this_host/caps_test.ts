import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { defaultVirtType, HostCapsCache, parseDomainCaps } from "./caps.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../xml/fixtures/${name}`, import.meta.url));

/** Domain capabilities with only the parts parseDomainCaps reads. */
const caps = ({ os = "", tpm = "" }: { os?: string; tpm?: string }) =>
  `<domainCapabilities><domain>qemu</domain>${os}<devices>${tpm}</devices></domainCapabilities>`;

Deno.test("host_caps - real q35 capabilities of this host (OVMF and swtpm installed)", () => {
  // Captured with: virsh -c qemu:///system domcapabilities --virttype qemu --machine q35
  const xml = fixture("domcaps_qemu_q35.xml");
  assert(xml.includes("<enum name='firmware'>"), "fixture lists firmware");
  assertEquals(parseDomainCaps(xml), {
    uefiAvailable: true,
    secureBootAvailable: true,
    tpmAvailable: true,
  });
});

Deno.test("host_caps - a host without OVMF and swtpm offers no UEFI, Secure Boot or TPM", () => {
  assertEquals(parseDomainCaps(fixture("domcaps_none.xml")), {
    uefiAvailable: false,
    secureBootAvailable: false,
    tpmAvailable: false,
  });
});

Deno.test("host_caps - UEFI from loader paths alone (libvirt without the firmware enum)", () => {
  const xml = caps({
    os: `<os supported='yes'><loader supported='yes'>
      <value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
      <enum name='secure'><value>no</value></enum></loader></os>`,
  });
  assertEquals(parseDomainCaps(xml), {
    uefiAvailable: true,
    secureBootAvailable: false,
    tpmAvailable: false,
  });
});

Deno.test("host_caps - Secure Boot needs UEFI even when the loader says secure=yes", () => {
  const xml = caps({
    os: `<os supported='yes'><enum name='firmware'/><loader supported='yes'>
      <enum name='secure'><value>yes</value><value>no</value></enum></loader></os>`,
  });
  assertEquals(parseDomainCaps(xml).uefiAvailable, false);
  assertEquals(parseDomainCaps(xml).secureBootAvailable, false);
});

Deno.test("host_caps - an unsupported os element means no UEFI", () => {
  const xml = caps({
    os: `<os supported='no'><enum name='firmware'><value>efi</value></enum></os>`,
  });
  assertEquals(parseDomainCaps(xml).uefiAvailable, false);
});

Deno.test("host_caps - TPM needs the emulator backend and supported=yes", () => {
  const emulatorOnly = caps({
    tpm: `<tpm supported='yes'><enum name='backendModel'><value>emulator</value></enum></tpm>`,
  });
  assertEquals(parseDomainCaps(emulatorOnly).tpmAvailable, true);
  const unsupported = caps({
    tpm: `<tpm supported='no'><enum name='backendModel'><value>emulator</value></enum></tpm>`,
  });
  assertEquals(parseDomainCaps(unsupported).tpmAvailable, false);
  const emptyEnum = caps({ tpm: `<tpm supported='yes'><enum name='backendModel'/></tpm>` });
  assertEquals(parseDomainCaps(emptyEnum).tpmAvailable, false);
});

Deno.test("host_caps - an unrelated document offers nothing", () => {
  assertEquals(parseDomainCaps("<capabilities/>"), {
    uefiAvailable: false,
    secureBootAvailable: false,
    tpmAvailable: false,
  });
});

Deno.test("host_caps - the test driver's default virt type is test and offers nothing", async () => {
  const node = await writeTestNode([{ name: "web" }]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    const cache = new HostCapsCache(client);
    const host = await client.call("host");
    assertEquals(defaultVirtType(host), "test");
    const first = cache.get("test", host);
    assertEquals(await first, {
      kvmAvailable: false,
      uefiAvailable: false,
      secureBootAvailable: false,
      tpmAvailable: false,
    });
    assert(cache.get("test", host) === first, "cached");
  } finally {
    await client.close();
    await node.remove();
  }
});
