// The host's /etc/network/interfaces (interfaces(5), as ifupdown2 reads it), read into stanzas and
// written back. What KVM Manager does not change stays byte for byte as the admin wrote it
// (comments, `source` lines, other interfaces, option order); a stanza it changes is written in
// Debian's usual layout. Proxmox VE keeps the same file the same way: admins edit it by hand too.

/** One `iface NAME FAMILY METHOD` stanza with its indented option lines. */
export interface IfaceStanza {
  kind: "iface";
  name: string;
  /** inet, inet6 (ifupdown2 also takes none: `iface br0`). */
  family: string;
  /** static, dhcp, manual, loopback … */
  method: string;
  /** Options in file order; a key may repeat (two `address` lines); a comment is `["# …", ""]`. */
  options: [string, string][];
  /** The text as read; undefined once changed, so that it is written anew. */
  text?: string;
}

/** `auto a b`, `allow-hotplug a`, `allow-CLASS a`: which interfaces start, and how. */
export interface AutoLine {
  kind: "auto";
  /** "auto", "allow-hotplug", "allow-ovs" … */
  keyword: string;
  names: string[];
  text?: string;
}

/** Anything else, kept as it was: comments, blank lines, `source`, `mapping` blocks. */
export interface OtherLines {
  kind: "other";
  text: string;
}

export type Block = IfaceStanza | AutoLine | OtherLines;

/** ifupdown2's keywords (networkinterfaces.py): a line that starts one ends the stanza before. */
const KEYWORD = /^(iface|auto|allow-[\w-]+|mapping|source|source-directory|vlan)(\s|$)/;

const isKeyword = (line: string) => KEYWORD.test(line.trim());
const isBlankOrComment = (line: string) => line.trim() === "" || line.trim().startsWith("#");

/**
 * Reads the file's text into blocks as ifupdown2 reads it: a stanza runs from its `iface` line to
 * the next keyword, over blank lines and comments (its trailing ones are kept apart, as they
 * usually head the next stanza), with `\` joining a line to the next.
 * serialize(parse(text)) === text for any text.
 */
export function parse(text: string): Block[] {
  const lines = text.split("\n");
  // A final newline leaves one empty string at the end, which is not a line of its own.
  const endsWithNewline = lines.at(-1) === "";
  if (endsWithNewline) lines.pop();
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length;) {
    const words = lines[i].trim().split(/\s+/);
    if (words[0] === "iface" && words.length >= 2) {
      let next = i + 1;
      while (next < lines.length && !isKeyword(lines[next])) next++;
      let end = next;
      while (end > i + 1 && isBlankOrComment(lines[end - 1])) end--;
      blocks.push({
        kind: "iface",
        name: words[1],
        family: words[2] ?? "",
        method: words[3] ?? "",
        options: optionsOf(lines.slice(i + 1, end)),
        text: lines.slice(i, end).join("\n"),
      });
      for (let k = end; k < next; k++) blocks.push({ kind: "other", text: lines[k] });
      i = next;
      continue;
    }
    if (/^(auto|allow-[\w-]+)$/.test(words[0]) && words.length >= 2) {
      blocks.push({ kind: "auto", keyword: words[0], names: words.slice(1), text: lines[i] });
    } else {
      blocks.push({ kind: "other", text: lines[i] });
    }
    i++;
  }
  if (endsWithNewline) blocks.push({ kind: "other", text: "" });
  return blocks;
}

/** A stanza's option lines: `key value`, a comment kept as `["# …", ""]`, continuations joined. */
function optionsOf(lines: string[]): [string, string][] {
  const options: [string, string][] = [];
  for (let j = 0; j < lines.length; j++) {
    let option = lines[j].trim();
    while (option.endsWith("\\") && j + 1 < lines.length) {
      option = `${option.slice(0, -1).trimEnd()} ${lines[++j].trim()}`;
    }
    if (option === "") continue;
    // A comment is kept as an option of its own, so a changed stanza still holds it.
    const space = option.startsWith("#") ? -1 : option.search(/\s/);
    options.push(space < 0 ? [option, ""] : [option.slice(0, space), option.slice(space).trim()]);
  }
  return options;
}

/** The file's text: blocks as read where unchanged, in Debian's layout where changed. */
export function serialize(blocks: readonly Block[]): string {
  return blocks.map((b) => {
    if (b.kind === "other") return b.text;
    if (b.text !== undefined) return b.text;
    if (b.kind === "auto") return `${b.keyword} ${b.names.join(" ")}`;
    const head = ["iface", b.name, b.family, b.method].filter((w) => w !== "").join(" ");
    return [head, ...b.options.map(([k, v]) => v === "" ? `    ${k}` : `    ${k} ${v}`)].join("\n");
  }).join("\n");
}

/** The `iface` stanzas of `name` (an interface may have one per family). */
export function stanzasOf(blocks: readonly Block[], name: string): IfaceStanza[] {
  return blocks.filter((b): b is IfaceStanza => b.kind === "iface" && b.name === name);
}

/** Whether an `auto` (or `allow-hotplug`) line names `name`. */
export function startsAtBoot(blocks: readonly Block[], name: string): boolean {
  return blocks.some((b) => b.kind === "auto" && b.names.includes(name));
}

/** The first value of option `key` in `stanza`, if set. */
export function option(stanza: IfaceStanza, key: string): string | undefined {
  return stanza.options.find(([k]) => k === key)?.[1];
}
