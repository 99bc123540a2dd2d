// Order-preserving libvirt XML: for edits that must keep every element, attribute, namespace
// and comment of a domain exactly as it was (boot order, clone, device lookup).

import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { t } from "../../shared/i18n/t.ts";

/** One node of fast-xml-parser's preserveOrder tree: `{tag: children, ":@": attributes}`. */
export type ONode = Record<string, any>;

const options = {
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  preserveOrder: true,
  commentPropName: "#comment",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
} as const;

const parser = new XMLParser(options);
const builder = new XMLBuilder({ ...options, format: false, suppressEmptyNode: true });

/** Parses XML into an ordered tree; throws on malformed XML. */
export function parseOrdered(xml: string): ONode[] {
  return parser.parse(xml, true);
}

/** Serializes an ordered tree back to XML. */
export function buildOrdered(nodes: ONode[]): string {
  return builder.build(nodes) as string;
}

/** The tag of an element node (undefined for text and comments). */
export function tagOf(node: ONode): string | undefined {
  return Object.keys(node).find((k) => k !== ":@" && !k.startsWith("#"));
}

/** The element children of `node`. */
export function children(node: ONode): ONode[] {
  const tag = tagOf(node);
  return tag ? node[tag] as ONode[] : [];
}

export function attr(node: ONode, name: string): string | undefined {
  return node[":@"]?.[`@${name}`];
}

export function setAttr(node: ONode, name: string, value: string | undefined): void {
  node[":@"] ??= {};
  if (value === undefined) delete node[":@"][`@${name}`];
  else node[":@"][`@${name}`] = value;
}

/** The first child element called `tag`. */
export function child(node: ONode, tag: string): ONode | undefined {
  return children(node).find((c) => tagOf(c) === tag);
}

/** The first child element called `tag`, added at the end when there is none. */
export function childOrAppended(node: ONode, tag: string): ONode {
  let found = child(node, tag);
  if (!found) {
    found = element(tag);
    children(node).push(found);
  }
  return found;
}

/** All child elements called `tag`. */
export function childrenNamed(node: ONode, tag: string): ONode[] {
  return children(node).filter((c) => tagOf(c) === tag);
}

/** Removes the child elements `pred` selects; returns how many. */
export function removeChildren(node: ONode, pred: (c: ONode) => boolean): number {
  const list = children(node);
  let removed = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    if (pred(list[i])) {
      list.splice(i, 1);
      removed++;
    }
  }
  return removed;
}

/** A new element node with attributes, text or children. */
export function element(
  tag: string,
  attrs: Record<string, string> = {},
  content: ONode[] | string = [],
): ONode {
  const node: ONode = {
    [tag]: typeof content === "string" ? [{ "#text": content }] : content,
  };
  if (Object.keys(attrs).length) {
    node[":@"] = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`@${k}`, v]));
  }
  return node;
}

/** The text inside an element. */
export function textOf(node: ONode | undefined): string {
  if (!node) return "";
  return children(node).map((c) => c["#text"] ?? "").join("");
}

/** The root element (e.g. `<domain>`) of a parsed document. */
export function rootElement(doc: ONode[], tag: string): ONode {
  const root = doc.find((n) => tagOf(n) === tag);
  if (!root) throw new Error(t("not a libvirt {{tag}} XML document", { tag }));
  return root;
}
