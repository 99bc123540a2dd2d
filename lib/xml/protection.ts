// A VM's protection mark (Proxmox's `protection`): `<kvmm:protected/>` inside our own element of
// the domain's `<metadata>`, so it travels with the definition (XML export and import, other
// hosts, migration). Setting or clearing it keeps every other element as it was.

import { KVMM_NAMESPACE } from "./domain_parse.ts";
import {
  attr,
  buildOrdered,
  child,
  children,
  element,
  type ONode,
  parseOrdered,
  removeChildren,
  rootElement,
  tagOf,
} from "./ordered.ts";

/** The prefix an element's tag has ("kvmm" of "kvmm:vm"; "" for none). */
const prefixOf = (tag: string) => tag.includes(":") ? tag.slice(0, tag.indexOf(":")) : "";

/** Our `<vm>` element in `<metadata>`: the one whose own namespace is KVMM_NAMESPACE. */
function ourElement(metadata: ONode): ONode | undefined {
  return children(metadata).find((c) => {
    const tag = tagOf(c);
    if (!tag || (tag !== "vm" && !tag.endsWith(":vm"))) return false;
    const prefix = prefixOf(tag);
    return attr(c, prefix ? `xmlns:${prefix}` : "xmlns") === KVMM_NAMESPACE;
  });
}

const isMark = (prefix: string) => (c: ONode) =>
  tagOf(c) === (prefix ? `${prefix}:protected` : "protected");

/**
 * The domain XML with the protection mark set (`on`) or cleared. `<metadata>` and our element
 * are made where missing; clearing leaves our element out once nothing else is in it.
 */
export function withProtection(xml: string, on: boolean): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  let metadata = child(domain, "metadata");
  let ours = metadata && ourElement(metadata);
  if (!on) {
    if (!metadata || !ours) return xml;
    removeChildren(ours, isMark(prefixOf(tagOf(ours)!)));
    if (!children(ours).some((c) => tagOf(c))) removeChildren(metadata, (c) => c === ours);
    if (!children(metadata).some((c) => tagOf(c))) removeChildren(domain, (c) => c === metadata);
    return buildOrdered(doc);
  }
  if (ours && children(ours).some(isMark(prefixOf(tagOf(ours)!)))) return xml;
  if (!metadata) {
    metadata = element("metadata");
    // libvirt's place for it: after the name, UUID, title and description.
    const kids = children(domain);
    const after = ["name", "uuid", "genid", "title", "description"];
    let at = 0;
    kids.forEach((c, i) => {
      if (after.includes(tagOf(c) ?? "")) at = i + 1;
    });
    kids.splice(at, 0, metadata);
  }
  if (!ours) {
    ours = element("kvmm:vm", { "xmlns:kvmm": KVMM_NAMESPACE });
    children(metadata).push(ours);
  }
  const prefix = prefixOf(tagOf(ours)!);
  children(ours).push(element(prefix ? `${prefix}:protected` : "protected"));
  return buildOrdered(doc);
}
