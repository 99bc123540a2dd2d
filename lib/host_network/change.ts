// A bridge or bond the interfaces file defines, changed in place: a bridge's ports, a bond's
// members, mode and link check. Only the option lines concerned change; the rest of the stanza
// (its indentation, comments, other options) and the rest of the file stay byte for byte, so an
// admin's hand-written stanza reads the same after a change apart from that line. A VLAN's parent
// and id cannot change in place (the kernel fixes them when the link is made): it is deleted and
// made again instead.

import { type Block, type IfaceStanza, parse, serialize, stanzasOf } from "./interfaces_file.ts";
import { kindInFile } from "./stanzas.ts";
import type { BondMode, DefinedInterface } from "../../shared/host_network.ts";

const words = (value: string) => value.split(/\s+/).filter((w) => w !== "");

/** ifupdown2 takes either name for a bond's members; the one the admin wrote is kept. */
const MEMBER_KEYS = ["bond-slaves", "bond-ports"];

/**
 * Sets option `keys[0]` (or whichever of `keys` `stanza` already has) to `value`: its first line
 * is rewritten where it stands, a repeat of it goes, and a stanza without it gets it last.
 */
function setOption(stanza: IfaceStanza, keys: string[], value: string) {
  const at = stanza.options.findIndex(([k]) => keys.includes(k));
  const key = at < 0 ? keys[0] : stanza.options[at][0];
  const repeats = stanza.options.filter(([k], i) => i !== at && keys.includes(k)).length;
  if (at < 0) stanza.options.push([key, value]);
  else stanza.options[at] = [key, value];
  stanza.options = stanza.options.filter(([k], i) => i === at || !keys.includes(k) || at < 0);
  if (stanza.text === undefined) return;
  const lines = stanza.text.split("\n");
  const matches = lines.flatMap((l, i) => i > 0 && keys.includes(words(l)[0] ?? "") ? [i] : []);
  // A continued line (`\`) or a repeat is rare: the stanza is then written anew rather than
  // guessed at line by line.
  if (repeats > 0 || matches.some((i) => lines[i].trimEnd().endsWith("\\"))) {
    delete stanza.text;
    return;
  }
  const indentOf = (line: string) => line.match(/^\s*/)![0];
  if (matches.length === 1) {
    lines[matches[0]] = `${indentOf(lines[matches[0]])}${key} ${value}`;
  } else {
    const last = lines.findLastIndex((l, i) =>
      i > 0 && l.trim() !== "" && !l.trim().startsWith("#")
    );
    lines.push(`${last > 0 ? indentOf(lines[last]) : "    "}${key} ${value}`);
  }
  stanza.text = lines.join("\n");
}

/** `name`'s stanza that holds one of `keys` (else its first), when the file defines it. */
function stanzaWith(blocks: Block[], name: string, keys: string[]): IfaceStanza | undefined {
  const stanzas = stanzasOf(blocks, name);
  return stanzas.find((s) => s.options.some(([k]) => keys.includes(k))) ?? stanzas[0];
}

/**
 * The file's text with bridge `name` over `ports`, `bridge-ports none` when there are none (a
 * bridge with no port is a switch of its own: VMs on it reach each other and the host only).
 * Callers check that the file defines `name` as a bridge (kindInFile).
 */
export function setBridgePorts(text: string, name: string, ports: string[]): string {
  const blocks = parse(text);
  const stanza = stanzaWith(blocks, name, ["bridge-ports"]);
  if (!stanza) throw new Error(`${name} is not in the file`);
  setOption(stanza, ["bridge-ports"], ports.length > 0 ? ports.join(" ") : "none");
  return serialize(blocks);
}

/**
 * The file's text with bond `name` over `members`, in `mode`, checking its links every `miimon`
 * ms. Callers check that the file defines `name` as a bond and that the members are free NICs.
 */
export function changeBond(
  text: string,
  name: string,
  { members, mode, miimon }: { members: string[]; mode: BondMode; miimon: number },
): string {
  const blocks = parse(text);
  const stanza = stanzaWith(blocks, name, MEMBER_KEYS);
  if (!stanza) throw new Error(`${name} is not in the file`);
  setOption(stanza, MEMBER_KEYS, members.join(" "));
  setOption(stanza, ["bond-mode"], mode);
  setOption(stanza, ["bond-miimon"], String(miimon));
  return serialize(blocks);
}

/** The bridges and bonds the file defines, with what their edit form starts from. */
export function definedIn(text: string): DefinedInterface[] {
  const blocks = parse(text);
  const names = [...new Set(blocks.flatMap((b) => b.kind === "iface" ? [b.name] : []))];
  return names.flatMap((name): DefinedInterface[] => {
    const kind = kindInFile(blocks, name);
    const options = stanzasOf(blocks, name).flatMap((s) => s.options);
    const value = (keys: string[]) => options.find(([k]) => keys.includes(k))?.[1];
    if (kind === "bridge") {
      const ports = words(value(["bridge-ports"]) ?? "").filter((p) => p !== "none");
      return [{ name, kind, ports, mode: null, miimon: null }];
    }
    if (kind !== "bond") return [];
    const miimon = Number(value(["bond-miimon"]));
    return [{
      name,
      kind,
      ports: words(value(MEMBER_KEYS) ?? ""),
      mode: value(["bond-mode"]) ?? null,
      miimon: value(["bond-miimon"]) !== undefined && Number.isInteger(miimon) ? miimon : null,
    }];
  });
}
