import { assert, assertEquals } from "../../tests/support/assert.ts";
import { buildDomainXml, type NewDomainSpec } from "./domain_build.ts";
import { parseDomainXml } from "./domain_parse.ts";
import { setDisplay } from "./domain_update.ts";
import { parseXml, type XmlNode } from "./parser.ts";
import { VDAGENT_PORT } from "./display.ts";

const spec = (over: Partial<NewDomainSpec> = {}): NewDomainSpec => ({
  virtType: "qemu",
  name: "d",
  memoryMb: 512,
  cpuCount: 1,
  osType: "linux",
  createdAt: new Date("2026-11-25T10:00:00Z"),
  firmware: "bios",
  secureBoot: false,
  tpm: false,
  bootMenu: false,
  cdroms: [],
  ...over,
});

const devicesOf = (xml: string): XmlNode => parseXml(xml).domain.devices;
const clipboardChannels = (xml: string) =>
  (devicesOf(xml).channel as XmlNode[]).filter((c) => c.target?.["@name"] === VDAGENT_PORT);

Deno.test("display - a new VM has VNC on loopback and no clipboard channel unless asked", () => {
  const xml = buildDomainXml(spec());
  assertEquals(devicesOf(xml).graphics.map((g: XmlNode) => [g["@type"], g["@listen"]]), [[
    "vnc",
    "127.0.0.1",
  ]]);
  assertEquals(clipboardChannels(xml), []);
  assertEquals(parseDomainXml(xml).clipboard, false);
});

Deno.test("display - VNC's clipboard is QEMU's vdagent, SPICE's is its agent channel", () => {
  const vnc = buildDomainXml(spec({ clipboard: true }));
  const [channel] = clipboardChannels(vnc);
  assertEquals(channel["@type"], "qemu-vdagent");
  assertEquals(channel.source.clipboard["@copypaste"], "yes");
  assertEquals(parseDomainXml(vnc).clipboard, true);

  const spice = buildDomainXml(spec({ display: "spice", clipboard: true }));
  assertEquals(devicesOf(spice).graphics.map((g: XmlNode) => [g["@type"], g["@listen"]]), [[
    "spice",
    "127.0.0.1",
  ]]);
  assertEquals(clipboardChannels(spice).map((c) => c["@type"]), ["spicevmc"]);
  assertEquals(parseDomainXml(spice).clipboard, true);
  // Both agents' channels stay.
  assertEquals((devicesOf(spice).channel as XmlNode[]).length, 3);
});

Deno.test("display - switching the display replaces the graphics and retypes the clipboard", () => {
  const vnc = buildDomainXml(spec({ clipboard: true }));
  const spice = setDisplay(vnc, { display: "spice" });
  assertEquals(devicesOf(spice).graphics.map((g: XmlNode) => g["@type"]), ["spice"]);
  assertEquals(clipboardChannels(spice).map((c) => c["@type"]), ["spicevmc"]);
  // Back again, the clipboard off: no vdagent channel, one VNC display.
  const back = setDisplay(spice, { display: "vnc", clipboard: false });
  assertEquals(devicesOf(back).graphics.map((g: XmlNode) => g["@type"]), ["vnc"]);
  assertEquals(clipboardChannels(back), []);
  assertEquals((devicesOf(back).channel as XmlNode[]).length, 2, "the agents' channels stay");
  // Clipboard on for the current display only.
  const on = setDisplay(back, { clipboard: true });
  assertEquals(clipboardChannels(on).map((c) => c["@type"]), ["qemu-vdagent"]);
  assertEquals(devicesOf(on).graphics.map((g: XmlNode) => g["@type"]), ["vnc"]);
});

Deno.test("display - a VM with VNC and SPICE both, or a password, is rewritten to one plain display", () => {
  const xml = buildDomainXml(spec()).replace(
    /<graphics[^>]*\/>/,
    `<graphics type="vnc" port="5901" passwd="secret" listen="0.0.0.0"/><graphics type="spice" autoport="yes"/>`,
  );
  const out = setDisplay(xml, { display: "spice" });
  const graphics = devicesOf(out).graphics as XmlNode[];
  assertEquals(graphics.map((g) => [g["@type"], g["@listen"], g["@port"]]), [[
    "spice",
    "127.0.0.1",
    "-1",
  ]]);
  assert(!out.includes("secret"));
  // Asking for what it already has alone changes nothing.
  assertEquals(setDisplay(out, { display: "spice" }), out);
});
