// Pure snapshot XML: reading libvirt's <domainsnapshot> and the facts of a domain's live XML that
// decide how to snapshot it; building the <domainsnapshot> we send
// (https://libvirt.org/formatsnapshot.html).

import { XMLBuilder } from "fast-xml-parser";
import { channelFactsOf } from "../guest/channels.ts";
import { parseXml, text, type XmlNode } from "../xml/parser.ts";

/** What one snapshot's XML says, before the tree is built. */
export interface SnapshotFacts {
  name: string;
  description: string;
  /** The domain's state when taken, in libvirt's words (running, paused, shutoff …). */
  state: string;
  parent: string | null;
  /** Milliseconds since the epoch (libvirt keeps whole seconds). */
  createdAt: number;
  /** `<memory snapshot='internal'|'external'>`: the VM's RAM is in the snapshot. */
  memory: boolean;
}

/** Reads a `virDomainSnapshotGetXMLDesc` document. */
export function parseSnapshotXml(xml: string): SnapshotFacts {
  const snap: XmlNode = parseXml(xml).domainsnapshot ?? {};
  const memory = snap.memory?.["@snapshot"];
  return {
    name: text(snap.name) ?? "",
    description: text(snap.description) ?? "",
    state: text(snap.state) ?? "",
    parent: text(snap.parent?.name) ?? null,
    createdAt: Number(text(snap.creationTime) ?? 0) * 1000,
    memory: memory === "internal" || memory === "external",
  };
}

/** What a domain's live XML tells about snapshotting it. */
export interface DomainSnapshotFacts {
  /** A virtio channel to org.qemu.guest_agent.0 that libvirt reports as connected. */
  agentConnected: boolean;
  /** Firmware in pflash (UEFI): libvirt 9.0 refuses internal snapshots of it while it runs. */
  pflash: boolean;
}

export function domainSnapshotFacts(domainXml: string): DomainSnapshotFacts {
  const dom: XmlNode = parseXml(domainXml).domain ?? {};
  const agentConnected = channelFactsOf(dom).qemu.connected;
  const os: XmlNode = dom.os ?? {};
  const pflash = os.loader?.["@type"] === "pflash" || os["@firmware"] === "efi";
  return { agentConnected, pflash };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  suppressEmptyNode: true,
});

/**
 * The `<domainsnapshot>` to create: user text goes in as text nodes, which XMLBuilder escapes.
 * `memory` true asks for the RAM inside the disk image (internal); false or undefined leaves
 * the choice to libvirt (no memory for a VM that is off).
 */
export function buildSnapshotXml(
  { name, description, memory }: { name: string; description: string; memory?: boolean },
): string {
  const snap: XmlNode = { name };
  if (description) snap.description = description;
  if (memory) snap.memory = { "@snapshot": "internal" };
  return builder.build({ domainsnapshot: snap });
}
