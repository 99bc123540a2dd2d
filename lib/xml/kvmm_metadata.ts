// Our element of a domain's `<metadata>` as libvirt keeps it. When it stores a definition, libvirt
// drops every child of `<metadata>` without a namespace and every later child of a namespace it
// has already seen (virXMLNodeSanitizeNamespaces; https://libvirt.org/formatdomain.html#general-metadata):
// ours is the FIRST child in our namespace, whatever prefix names it and wherever it is declared.

import { children, type ONode, parseOrdered, rootElement, tagOf } from "./ordered.ts";

/** Our own metadata namespace inside `<metadata>`. */
export const KVMM_NAMESPACE = "https://github.com/kvm-manager/xmlns/vm/1";

/** Namespace prefixes in scope ("" for the default namespace) and their URIs. */
export type Scope = ReadonlyMap<string, string>;

/** The prefix an element's tag has ("kvmm" of "kvmm:vm"; "" for none). */
export const prefixOf = (tag: string) => tag.includes(":") ? tag.slice(0, tag.indexOf(":")) : "";

const localOf = (tag: string) => tag.slice(tag.indexOf(":") + 1);

/** `outer` with what `node` itself declares (`xmlns`, `xmlns:p`). */
export function scopeOf(node: ONode, outer: Scope): Scope {
  const decls = Object.entries(node[":@"] ?? {})
    .filter(([k]) => k === "@xmlns" || k.startsWith("@xmlns:"));
  if (!decls.length) return outer;
  const scope = new Map(outer);
  for (const [k, v] of decls) scope.set(k === "@xmlns" ? "" : k.slice("@xmlns:".length), String(v));
  return scope;
}

/** Whether `node` (`scope`: its own declarations included) is our namespace's `local` element. */
export function isOurs(node: ONode, scope: Scope, local: string): boolean {
  const tag = tagOf(node);
  return !!tag && localOf(tag) === local && scope.get(prefixOf(tag)) === KVMM_NAMESPACE;
}

/** Where our element is in a parsed domain: what libvirt keeps, and the rest it drops. */
export interface KvmmPlace {
  metadata?: ONode;
  /** The first child of `<metadata>` in our namespace (libvirt keeps it), with its scope. */
  kept?: { node: ONode; scope: Scope };
  /** Later children in our namespace: libvirt drops them. */
  dropped: ONode[];
}

/** Our element's place in the `<domain>` element of an ordered tree. */
export function kvmmPlace(domain: ONode): KvmmPlace {
  const domainScope = scopeOf(domain, new Map());
  const metadata = children(domain).find((c) => tagOf(c) === "metadata");
  if (!metadata) return { dropped: [] };
  const metaScope = scopeOf(metadata, domainScope);
  const place: KvmmPlace = { metadata, dropped: [] };
  for (const c of children(metadata)) {
    const tag = tagOf(c);
    if (!tag) continue;
    const scope = scopeOf(c, metaScope);
    if (scope.get(prefixOf(tag)) !== KVMM_NAMESPACE) continue;
    if (place.kept) place.dropped.push(c);
    else place.kept = { node: c, scope };
  }
  return place;
}

/** The protection marks (`<protected>` in our namespace) directly inside our kept `<vm>`. */
export function protectionMarks(place: KvmmPlace): ONode[] {
  const kept = place.kept;
  if (!kept || !isOurs(kept.node, kept.scope, "vm")) return [];
  return children(kept.node).filter((c) => isOurs(c, scopeOf(c, kept.scope), "protected"));
}

/**
 * Whether a domain XML is protected as libvirt will store it: the first child of `<metadata>` in
 * our namespace is our `<vm>` and holds a `<protected>` of our namespace. Throws on malformed XML.
 */
export function markedProtected(xml: string): boolean {
  return protectionMarks(kvmmPlace(rootElement(parseOrdered(xml), "domain"))).length > 0;
}
