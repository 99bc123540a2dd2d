// A VM's protection mark (Proxmox's `protection`): `<kvmm:protected/>` inside our own element of
// the domain's `<metadata>`, so it travels with the definition (XML export and import, other
// hosts, migration). Setting or clearing it keeps every other element as it was; "ours" is the
// element libvirt keeps (kvmm_metadata.ts), so what is set here is what libvirt stores.

import { isOurs, KVMM_NAMESPACE, kvmmPlace, prefixOf, protectionMarks } from "./kvmm_metadata.ts";
import {
  buildOrdered,
  children,
  element,
  parseOrdered,
  removeChildren,
  rootElement,
  tagOf,
} from "./ordered.ts";

/**
 * The domain XML with the protection mark set (`on`) or cleared. `<metadata>` and our element
 * are made where missing; clearing leaves our element out once nothing else is in it. Setting it
 * also leaves out what libvirt would drop of our namespace (every element after the first), and
 * an element of ours that is not our `<vm>` gives way to one that is.
 */
export function withProtection(xml: string, on: boolean): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  const place = kvmmPlace(domain);
  const marks = protectionMarks(place);
  if (!on) {
    const { metadata, kept } = place;
    if (!metadata || !kept || !marks.length) return xml;
    removeChildren(kept.node, (c) => marks.includes(c));
    if (!children(kept.node).some((c) => tagOf(c))) {
      removeChildren(metadata, (c) => c === kept.node);
    }
    if (!children(metadata).some((c) => tagOf(c))) removeChildren(domain, (c) => c === metadata);
    return buildOrdered(doc);
  }
  if (marks.length && !place.dropped.length) return xml;
  const metadata = place.metadata ?? addMetadata(domain);
  removeChildren(metadata, (c) => place.dropped.includes(c));
  let ours = place.kept && isOurs(place.kept.node, place.kept.scope, "vm")
    ? place.kept.node
    : undefined;
  if (!ours) {
    ours = element("kvmm:vm", { "xmlns:kvmm": KVMM_NAMESPACE });
    const list = children(metadata);
    const at = place.kept ? list.indexOf(place.kept.node) : -1;
    if (at >= 0) list.splice(at, 1, ours);
    else list.push(ours);
  }
  if (!marks.length) {
    // Its own prefix names our namespace, being the element libvirt keeps (or the one just made).
    const prefix = prefixOf(tagOf(ours)!);
    children(ours).push(element(prefix ? `${prefix}:protected` : "protected"));
  }
  return buildOrdered(doc);
}

/** A new `<metadata>` at libvirt's place for it: after the name, UUID, title and description. */
function addMetadata(domain: ReturnType<typeof rootElement>) {
  const metadata = element("metadata");
  const kids = children(domain);
  const after = ["name", "uuid", "genid", "title", "description"];
  let at = 0;
  kids.forEach((c, i) => {
    if (after.includes(tagOf(c) ?? "")) at = i + 1;
  });
  kids.splice(at, 0, metadata);
  return metadata;
}
