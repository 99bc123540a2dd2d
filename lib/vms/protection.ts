// Protecting a VM from deletion (Proxmox's `protection`). The mark lives in the domain's own
// metadata (lib/xml/protection.ts), so it travels with the definition; delete refuses a protected
// VM (domains.ts), and an XML edit that leaves the mark out keeps it: only this API clears it.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
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

/**
 * The edited XML an editor's replace defines: when the VM is protected now and the edit leaves
 * the mark out (a copy made without our metadata), the mark is put back; clearing it takes the
 * protection API, on purpose.
 */
export function keepProtection(currentXml: string, editedXml: string): string {
  if (!parseDomainXml(currentXml).protected) return editedXml;
  let marked = false;
  try {
    marked = Boolean(parseDomainXml(editedXml).protected);
  } catch {
    // XML our reader cannot take: libvirt's define answers for it.
    return editedXml;
  }
  return marked ? editedXml : withProtection(editedXml, true);
}
