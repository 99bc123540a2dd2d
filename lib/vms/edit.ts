// Changing an existing VM: resources, description, autostart, boot options and rename. Each
// change is applied live where libvirt allows it, else for the next boot, and says which.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import {
  Impact,
  MemoryFlags,
  MetadataType,
  VcpuFlags,
  XmlFlags,
} from "../../ffi/libvirt/domain.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { validated } from "../validate.ts";
import { domainExists, vmState } from "./domains.ts";
import { setBootOptions, setDisplay } from "../xml/domain_update.ts";
import type { AppliedChange, VmEdit } from "../../shared/vms.ts";
import { editBody } from "./input.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { defineValidated } from "./create.ts";
import { STARTUP_NAMESPACE, STARTUP_PREFIX } from "../xml/startup_metadata.ts";
import { t } from "../../shared/i18n/t.ts";

const { LIVE, CONFIG } = Impact;
const DESCRIPTION = MetadataType.DESCRIPTION;

/**
 * Checks an edit's shape and values (the contract's words), memory against the host's; 400 with
 * the first problem.
 */
export function checkEdit(input: unknown, hostMemoryMb: number): VmEdit {
  return validated(editBody(hostMemoryMb), input);
}

/** Applies an edit; returns what changed and when it takes effect. */
export async function domainEdit(
  { client, id, edit }: { client: LibvirtClient; id: string; edit: VmEdit },
): Promise<{ id: string; changes: AppliedChange[] }> {
  const failed = t("Failed to update VM");
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
  };
  const snap = await call(() => client.call("domainGet", id, XmlFlags.INACTIVE));
  const uuid = snap.uuid;
  const running = vmState(snap.state) !== "stopped";
  const config = parseDomainXml(snap.xml);
  const changes: AppliedChange[] = [];

  if (edit.name !== undefined && edit.name !== snap.name) {
    if (running) throw conflict(t("Cannot rename a running VM. Stop it first."));
    if (await domainExists(client, edit.name)) {
      throw new AppError("NAME_EXISTS", t("VM name already exists: {{name}}", { name: edit.name }));
    }
    await call(() => client.call("domainRename", uuid, edit.name!));
    changes.push({ field: "name", live: false, nextBoot: true });
  }

  if (edit.cpuCount !== undefined) {
    const n = edit.cpuCount;
    // Hot-plug up to the configured maximum; anything else waits for the next boot.
    let live = false;
    if (running && n <= config.maxVcpus) {
      live = await client.call("domainSetVcpus", uuid, n, LIVE).then(() => true, () => false);
    }
    if (n > config.maxVcpus) {
      await call(() => client.call("domainSetVcpus", uuid, n, CONFIG | VcpuFlags.MAXIMUM));
      await call(() => client.call("domainSetVcpus", uuid, n, CONFIG));
    } else {
      await call(() => client.call("domainSetVcpus", uuid, n, CONFIG));
      await call(() => client.call("domainSetVcpus", uuid, n, CONFIG | VcpuFlags.MAXIMUM));
    }
    changes.push({ field: "cpuCount", live, nextBoot: true });
  }

  if (edit.memoryMb !== undefined) {
    const kib = edit.memoryMb * 1024;
    const maxKib = config.memoryMb * 1024;
    let live = false;
    if (running && kib <= maxKib) {
      // The balloon can shrink or regrow memory up to the boot-time maximum.
      live = await client.call("domainSetMemory", uuid, kib, LIVE).then(() => true, () => false);
    }
    if (kib > maxKib) {
      await call(() => client.call("domainSetMemory", uuid, kib, CONFIG | MemoryFlags.MAXIMUM));
      await call(() => client.call("domainSetMemory", uuid, kib, CONFIG));
    } else {
      await call(() => client.call("domainSetMemory", uuid, kib, CONFIG));
      await call(() => client.call("domainSetMemory", uuid, kib, CONFIG | MemoryFlags.MAXIMUM));
    }
    changes.push({ field: "memoryMb", live, nextBoot: true });
  }

  if (edit.description !== undefined) {
    const value = edit.description === "" ? null : edit.description;
    await call(() =>
      client.call("domainSetMetadata", uuid, DESCRIPTION, value, running ? LIVE | CONFIG : CONFIG)
    );
    changes.push({ field: "description", live: running, nextBoot: true });
  }

  if (edit.autostart !== undefined) {
    if (!config.startup) {
      await call(() => client.call("domainSetAutostart", uuid, edit.autostart!));
    } else if (!edit.autostart) {
      // A VM with a boot order starts with the host in order, libvirt's flag off
      // (lib/startup/): turning autostart off removes the order.
      const element = { xml: null, key: STARTUP_PREFIX, uri: STARTUP_NAMESPACE };
      await call(() =>
        client.call("domainSetMetadataElement", uuid, element, running ? LIVE | CONFIG : CONFIG)
      );
    }
    changes.push({ field: "autostart", live: true, nextBoot: true });
  }

  if (edit.bootOrder !== undefined || edit.bootMenu !== undefined) {
    const xml = await call(() =>
      client.call("domainXml", uuid, XmlFlags.INACTIVE | XmlFlags.SECURE)
    );
    const updated = setBootOptions(xml, { order: edit.bootOrder, menu: edit.bootMenu });
    await defineValidated(client, updated, failed);
    if (edit.bootOrder) changes.push({ field: "bootOrder", live: false, nextBoot: true });
    if (edit.bootMenu !== undefined) {
      changes.push({ field: "bootMenu", live: false, nextBoot: true });
    }
  }
  if (edit.display !== undefined || edit.clipboard !== undefined) {
    // The console and its channels are fixed while QEMU runs: they change from the next boot.
    const xml = await call(() =>
      client.call("domainXml", uuid, XmlFlags.INACTIVE | XmlFlags.SECURE)
    );
    await defineValidated(
      client,
      setDisplay(xml, { display: edit.display, clipboard: edit.clipboard }),
      failed,
    );
    if (edit.display !== undefined) changes.push({ field: "display", live: false, nextBoot: true });
    if (edit.clipboard !== undefined) {
      changes.push({ field: "clipboard", live: false, nextBoot: true });
    }
  }
  return { id: uuid, changes };
}
