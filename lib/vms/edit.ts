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

  /**
   * Sets a figure with a boot-time maximum (vCPUs, memory) through `set(flags)`: live while the
   * VM runs and it fits under the maximum (vCPUs hot-plug, the balloon shrinks or regrows
   * memory; refused, it waits for the next boot), and in the definition, where libvirt refuses
   * a value above its maximum: growing past it raises the maximum first, else the value goes
   * first. Answers whether it took effect live.
   */
  const setBounded = async (
    set: (flags: number) => Promise<unknown>,
    { value, max, maximumFlag }: { value: number; max: number; maximumFlag: number },
  ): Promise<boolean> => {
    let live = false;
    if (running && value <= max) live = await set(LIVE).then(() => true, () => false);
    const order = value > max ? [CONFIG | maximumFlag, CONFIG] : [CONFIG, CONFIG | maximumFlag];
    for (const flags of order) await call(() => set(flags));
    return live;
  };

  if (edit.cpuCount !== undefined) {
    const n = edit.cpuCount;
    const live = await setBounded((flags) => client.call("domainSetVcpus", uuid, n, flags), {
      value: n,
      max: config.maxVcpus,
      maximumFlag: VcpuFlags.MAXIMUM,
    });
    changes.push({ field: "cpuCount", live, nextBoot: true });
  }

  if (edit.memoryMb !== undefined) {
    const kib = edit.memoryMb * 1024;
    const live = await setBounded((flags) => client.call("domainSetMemory", uuid, kib, flags), {
      value: kib,
      max: config.memoryMb * 1024,
      maximumFlag: MemoryFlags.MAXIMUM,
    });
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
