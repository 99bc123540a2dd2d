// The one XML parser configuration for libvirt documents (fast-xml-parser).

import { XMLParser } from "fast-xml-parser";

/** Elements that may repeat in libvirt XML: always parsed as arrays. */
const REPEATED = new Set([
  "disk",
  "interface",
  "graphics",
  "controller",
  "video",
  "serial",
  "console",
  "channel",
  "boot",
  "guest",
  "feature",
  "listen",
  "hostdev",
  "ip",
]);

/**
 * A parser of our one configuration whose `repeated` elements are always arrays: attributes under
 * "@name", namespaces dropped, values kept as text. Other XML read the same way (an OVF
 * descriptor) names its own repeated elements.
 */
export function xmlParserRepeating(repeated: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => repeated.has(name),
  });
}

const parser = xmlParserRepeating(REPEATED);

/** A parsed element: attributes under "@name", text under "#text", children by tag name. */
export type XmlNode = Record<string, any>;

/** Parses a libvirt XML document; throws on malformed XML. */
export function parseXml(xml: string): XmlNode {
  return parser.parse(xml, true);
}

/** The text content of an element that may have attributes. */
export function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "string") return node;
  if (typeof node === "object" && "#text" in node) return String((node as XmlNode)["#text"]);
  return undefined;
}
