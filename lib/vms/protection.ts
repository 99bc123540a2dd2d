// Protecting a VM from deletion (Proxmox's `protection`). The mark lives in the domain's own
// metadata (lib/xml/protection.ts), so it travels with the definition; delete refuses a protected
// VM (domains.ts), and an XML edit keeps it whatever the edit says: only this API clears it.
// While it is set, the VM's data disks cannot be detached or edited out either.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { markedProtected } from "../xml/kvmm_metadata.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import { withProtection } from "../xml/protection.ts";
import { defineValidated } from "./define.ts";
import { t } from "../../shared/i18n/t.ts";

/** 409 VM_PROTECTED, naming the VM: what delete answers for a protected one. */
export function vmProtected(name: string): AppError {
  return new AppError(
    "VM_PROTECTED",
    t("{{name}} is protected — remove the protection to delete it", { name }),
  );
}

/**
 * Sets (`on`) or clears the VM's protection in its persistent definition; a transient VM has
 * none to keep it in (409). Setting it again is a no-op.
 */
export async function domainProtect(
  { client, id, on }: { client: LibvirtClient; id: string; on: boolean },
): Promise<{ id: string; name: string; protected: boolean }> {
  const failed = t("Failed to change the VM's protection");
  let snap;
  try {
    snap = await client.call("domainGet", id, XmlFlags.INACTIVE | XmlFlags.SECURE);
  } catch (err) {
    throw fromLibvirt(err, { id, failed });
  }
  if (!snap.persistent) {
    throw conflict(
      t("{{name}} is transient: it has no definition to keep the protection in", {
        name: snap.name,
      }),
    );
  }
  if (Boolean(parseDomainXml(snap.xml).protected) !== on) {
    // A redefinition (not virDomainSetMetadata): libvirt's DEFINED event tells every list.
    await defineValidated(client, withProtection(snap.xml, on), failed);
  }
  return { id: snap.uuid, name: snap.name, protected: on };
}

/** 409 VM_PROTECTED, naming the VM: what removing a disk of a protected one answers. */
export function vmDisksProtected(name: string): AppError {
  return new AppError(
    "VM_PROTECTED",
    t("{{name}} is protected — remove the protection to remove its disks", { name }),
  );
}

/** The data disks (not CD-ROMs or floppies) a domain XML has, each by its source. */
function dataDiskKeys(xml: string): string[] {
  const disks: XmlNode[] = parseXml(xml).domain?.devices?.disk ?? [];
  return disks.filter((d) => ["disk", "lun"].includes(d["@device"] ?? "disk")).map((d) => {
    const s: XmlNode = d.source ?? {};
    if (s["@file"] ?? s["@dev"]) return `path ${s["@file"] ?? s["@dev"]}`;
    if (s["@pool"] || s["@volume"]) return `volume ${s["@pool"]}/${s["@volume"]}`;
    if (s["@protocol"] || s["@name"]) return `network ${s["@protocol"]}:${s["@name"]}`;
    // No source libvirt names: it is known by its place in the guest.
    return `target ${d.target?.["@dev"] ?? ""}`;
  });
}

/**
 * The edited XML an editor's replace defines. While the VM is protected the mark is always put
 * back, whatever the edit says of it (only the protection API clears it), and an edit that
 * removes a data disk the definition has, or points it at another source, is refused (409): its
 * volume would be used by no VM, and the storage pages delete such a volume. CD-ROM and floppy
 * drives stay free to change or remove.
 */
export function protectedEdit(currentXml: string, editedXml: string, name: string): string {
  if (!markedProtected(currentXml)) return editedXml;
  let kept: Set<string>, marked: string;
  try {
    kept = new Set(dataDiskKeys(editedXml));
    marked = withProtection(editedXml, true);
  } catch (err) {
    // Fails closed: what our reader cannot take, the protection cannot be vouched for in.
    throw new AppError(
      "INVALID_XML",
      t("Invalid domain XML: {{error}}", { error: (err as Error).message }),
    );
  }
  if (dataDiskKeys(currentXml).some((key) => !kept.has(key))) throw vmDisksProtected(name);
  return marked;
}

/**
 * After an edit of a protected VM is defined: reads the definition libvirt stored back and, where
 * the mark did not survive libvirt's own reading of the metadata, sets it again (fails closed).
 */
export async function keepStoredProtection(
  { client, currentXml, uuid, failed }: {
    client: LibvirtClient;
    /** The definition before the edit: only a VM protected then is looked at. */
    currentXml: string;
    uuid: string;
    failed: string;
  },
): Promise<void> {
  if (!markedProtected(currentXml)) return;
  for (let attempt = 0;; attempt++) {
    let stored;
    try {
      stored = await client.call("domainXml", uuid, XmlFlags.INACTIVE | XmlFlags.SECURE);
    } catch (err) {
      throw fromLibvirt(err, { id: uuid, failed });
    }
    if (markedProtected(stored)) return;
    if (attempt > 0) {
      throw new AppError("INTERNAL_ERROR", `${failed}: ${t("the protection mark was not kept")}`);
    }
    await defineValidated(client, withProtection(stored, true), failed);
  }
}

/** Refuses to detach a data disk (not a CD-ROM or floppy) of a protected VM, before libvirt. */
export function refuseProtectedDetach(
  { xml, name, device }: { xml: string; name: string; device: string },
): void {
  if (["disk", "lun"].includes(device) && markedProtected(xml)) throw vmDisksProtected(name);
}
