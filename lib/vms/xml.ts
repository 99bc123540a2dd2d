// The raw domain XML: export, the editor's replace (same VM only) and import as a new VM; what
// either would make QEMU open passes lib/storage/disk_sources.ts first.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, badRequest, fromLibvirt } from "../errors.ts";
import { domainExists } from "./domains.ts";
import { defineValidated } from "./create.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { checkDomainSources } from "../storage/disk_sources.ts";
import { domainIdentity, withUuid } from "../xml/domain_update.ts";
import { keepStoredProtection, protectedEdit } from "./protection.ts";
import { t } from "../../shared/i18n/t.ts";

// VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE: the persistent definition, passwords
// included, so a round trip through the editor loses nothing.
const DEFINITION = 2 | 1;

/** The VM's persistent definition. */
export async function domainXmlExport({ client, id }: { client: LibvirtClient; id: string }) {
  try {
    return await client.call("domainXml", id, DEFINITION);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read VM XML") });
  }
}

/** The name and UUID an XML document (of at most MAX_XML, lib/vms/input.ts) gives its VM. */
function identity(xml: string): { name: string; uuid: string | null } {
  try {
    return domainIdentity(xml);
  } catch (err) {
    throw new AppError(
      "INVALID_XML",
      t("Invalid domain XML: {{error}}", { error: (err as Error).message }),
    );
  }
}

/**
 * Replaces a VM's definition with edited XML. The name and UUID must stay (rename is its own
 * action); libvirt validates the document against its schema and its error is returned as is.
 * A protected VM stays protected whatever the edit says of its mark, and keeps its data disks
 * (protection.ts).
 */
export async function domainXmlReplace(
  { client, id, xml }: { client: LibvirtClient; id: string; xml: string },
): Promise<{ id: string }> {
  const { name, uuid } = identity(xml);
  let current, currentXml;
  try {
    current = await client.call("domainState", id);
    currentXml = await client.call("domainXml", current.uuid, DEFINITION);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to update VM") });
  }
  if (name !== current.name) {
    throw badRequest(
      t('The XML names VM "{{name}}" but this is "{{current}}"; use rename to change the name', {
        name,
        current: current.name,
      }),
    );
  }
  if (uuid && uuid.toLowerCase() !== current.uuid.toLowerCase()) {
    throw badRequest(
      t("The XML's UUID {{uuid}} is not this VM's ({{current}})", { uuid, current: current.uuid }),
    );
  }
  const edited = protectedEdit(currentXml, xml, current.name);
  // What the VM already uses stays: only new or changed sources are checked.
  await checkDomainSources({ client, xml, current: currentXml });
  const failed = t("Failed to update VM");
  const result = await defineValidated(client, withUuid(edited, current.uuid), failed);
  await keepStoredProtection({ client, currentXml, uuid: result.uuid, failed });
  return { id: result.uuid };
}

/** Defines a new VM from XML; refuses a name or UUID that exists. */
export async function domainXmlImport(
  { client, xml }: { client: LibvirtClient; xml: string },
): Promise<{ id: string; name: string }> {
  const { name, uuid } = identity(xml);
  const issue = nameIssue(name);
  if (issue) throw badRequest(issue);
  for (const key of [name, uuid]) {
    if (!key) continue;
    if (await domainExists(client, key)) {
      const what = key === name
        ? t("VM name already exists: {{name}}", { name })
        : t("VM UUID already exists: {{uuid}}", { uuid: String(uuid) });
      throw new AppError("NAME_EXISTS", what);
    }
  }
  await checkDomainSources({ client, xml });
  const { uuid: id } = await defineValidated(client, xml, t("Failed to import VM"));
  return { id, name };
}
