// Mediated devices (vGPU profiles and the like): an instance made from a type its parent PCI
// device offers, defined in libvirt (kept across reboots, through mdevctl) and started; removed
// again when no VM is given it. https://libvirt.org/drvnodedev.html#mediated-devices-mdevs

import { z } from "zod";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { strictBodyError } from "../validate.ts";
import { xmlBuilder } from "../xml/builder.ts";
import type { MdevInstance } from "../../shared/host_devices.ts";
import { hostDeviceNotFound, type HostDeviceService } from "./service.ts";
import { mdevHolders } from "./passthrough.ts";

const TYPE_WORDS = () => t("type must name one of the device's mediated device types");

export const MdevCreateBody = z.strictObject({
  type: z.string({ error: TYPE_WORDS }).min(1, { error: TYPE_WORDS }).max(64, {
    error: TYPE_WORDS,
  }).regex(/^[A-Za-z0-9_.:-]+$/, { error: TYPE_WORDS }).meta({
    description: "One of the parent's mdevTypes[].id, e.g. nvidia-222",
  }),
}, strictBodyError('{"type": "nvidia-222"}'));

/** The node device XML of a new mediated device of `type` on `parent`. */
export function mdevXml(parent: string, type: string, uuid: string): string {
  return xmlBuilder.build({
    device: { parent, capability: { "@type": "mdev", type: { "@id": type }, uuid } },
  }) as string;
}

export class MediatedDevices {
  constructor(
    private readonly client: LibvirtClient,
    private readonly inventory: HostDeviceService,
  ) {}

  /** A new instance of `type` on the device `parent`, started. */
  async create(parent: string, type: string): Promise<MdevInstance> {
    const failed = t("Failed to create a mediated device on {{device}}", { device: parent });
    const { devices } = await this.inventory.inventory();
    const device = devices.find((d) => d.name === parent);
    if (!device) {
      throw hostDeviceNotFound(parent);
    }
    const offered = device.mdevTypes.find((m) => m.id === type);
    if (!offered) {
      throw new AppError(
        "BAD_REQUEST",
        device.mdevTypes.length
          ? t("{{device}} offers no mediated device type {{type}}; it offers {{types}}", {
            device: parent,
            type,
            types: device.mdevTypes.map((m) => m.id).join(", "),
          })
          : t("{{device}} offers no mediated devices", { device: parent }),
      );
    }
    if (offered.available < 1) {
      throw new AppError(
        "MDEV_EXHAUSTED",
        t("{{device}} has no {{type}} instance left: remove one first", {
          device: parent,
          type,
        }),
      );
    }
    const uuid = crypto.randomUUID();
    let name;
    try {
      name = await this.client.call("mdevCreate", mdevXml(parent, type, uuid));
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
    return { name, uuid, type, parent, active: true };
  }

  /** Stops and forgets an instance no VM is given. */
  async remove(name: string): Promise<void> {
    const failed = t("Failed to remove the mediated device {{device}}", { device: name });
    const { mdevs } = await this.inventory.inventory();
    const mdev = mdevs.find((m) => m.name === name);
    if (!mdev) {
      throw hostDeviceNotFound(name);
    }
    let holders;
    try {
      holders = await mdevHolders(this.client, mdev.uuid);
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
    if (holders.length) {
      throw new AppError(
        "HOST_DEVICE_ASSIGNED",
        t("The mediated device {{device}} is given to {{vms}}: take it back first", {
          device: name,
          vms: holders.join(", "),
        }),
      );
    }
    try {
      await this.client.call("mdevRemove", name);
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
  }
}
