// Passing host devices through to a VM: PCI (managed by libvirt, which binds vfio-pci for the
// VM's lifetime), USB by vendor and product or by bus and device. Refused with the reason when the
// host needs the device (or another of its IOMMU group), or a running VM holds it; live where the
// VM runs and libvirt allows hot-plug, else at next boot, saying which.
// https://libvirt.org/formatdomain.html#host-device-assignment

import { z } from "zod";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { strictBodyError } from "../validate.ts";
import { xmlBuilder } from "../xml/builder.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import { change, type Ctx, lookup, refuseWithoutSlot } from "../vms/devices.ts";
import type { NewDevice } from "../xml/pci_slots.ts";
import {
  assignablePeers,
  type HostDevice,
  type HostDeviceAttachResult,
  type HostUse,
  type MdevInstance,
  type VmHostDevice,
} from "../../shared/host_devices.ts";
import { hostDeviceNotFound, type HostDeviceService } from "./service.ts";
import type { VmLock } from "../vms/lock.ts";
import { pciAddress } from "./parse.ts";
import { guestAddress, type GuestSlot, multifunctionPlan } from "./multifunction.ts";

export const HostDeviceAttachBody = z.strictObject({
  device: z.string({ error: () => t("device must name a host device, e.g. pci_0000_41_00_0") })
    .max(128, { error: () => t("device must name a host device, e.g. pci_0000_41_00_0") })
    .regex(/^(pci|usb|mdev)_[0-9a-z_]+$/, {
      error: () => t("device must name a host device, e.g. pci_0000_41_00_0"),
    }).meta({ description: "The node device's name from GET /api/host/devices" }),
  usbBy: z.enum(["id", "address"], {
    error: () => t("usbBy must be id or address"),
  }).nullish().meta({ description: "USB: by vendor and product (default) or by bus and device" }),
  rom: z.boolean({ error: () => t("rom must be true or false") }).nullish()
    .meta({ description: "PCI: show the option ROM to the guest (default true)" }),
  wholeGroup: z.boolean({ error: () => t("wholeGroup must be true or false") }).nullish()
    .meta({
      description: "PCI: its IOMMU group's other devices too, in one step (bridges stay)",
    }),
}, strictBodyError('{"device": "pci_0000_41_00_0"}'));

type AttachInput = z.output<typeof HostDeviceAttachBody>;

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, "0")}`;

/** The `<hostdev>` XML for a device of the inventory. */
export function hostdevXml(d: HostDevice, input: AttachInput, place?: GuestSlot): string {
  if (d.kind === "pci") {
    const [domain, bus, slotFn] = d.address.split(":");
    const [slot, fn] = slotFn.split(".");
    return xmlBuilder.build({
      hostdev: {
        "@mode": "subsystem",
        "@type": "pci",
        "@managed": "yes",
        source: {
          address: {
            "@domain": hex(parseInt(domain, 16), 4),
            "@bus": hex(parseInt(bus, 16), 2),
            "@slot": hex(parseInt(slot, 16), 2),
            "@function": hex(parseInt(fn, 16), 1),
          },
        },
        ...(input.rom === false ? { rom: { "@bar": "off" } } : {}),
        ...(place ? { address: guestAddress(place) } : {}),
      },
    }) as string;
  }
  const [bus, device] = d.address.split(":").map(Number);
  const source = input.usbBy === "address"
    ? { address: { "@bus": String(bus), "@device": String(device) } }
    : { vendor: { "@id": `0x${d.vendor.id}` }, product: { "@id": `0x${d.product.id}` } };
  return xmlBuilder.build({
    hostdev: { "@mode": "subsystem", "@type": "usb", "@managed": "yes", source },
  }) as string;
}

const list = (x: unknown): XmlNode[] =>
  x === undefined || x === null ? [] : Array.isArray(x) ? x : [x as XmlNode];

/** The `<hostdev>` XML of a mediated device: its UUID, and the API its type gives the guest. */
export function mdevHostdevXml(uuid: string, deviceApi: string | null): string {
  return xmlBuilder.build({
    hostdev: {
      "@mode": "subsystem",
      "@type": "mdev",
      "@model": deviceApi ?? "vfio-pci",
      source: { address: { "@uuid": uuid } },
    },
  }) as string;
}

/** The PCI, USB and mediated host devices a domain's XML holds, each with its XML element. */
export function vmHostDevices(
  xml: string,
  devices: HostDevice[],
  mdevs: MdevInstance[] = [],
): (VmHostDevice & { element: XmlNode })[] {
  const domain = parseXml(xml).domain as XmlNode | undefined;
  const out: (VmHostDevice & { element: XmlNode })[] = [];
  for (const h of list(domain?.devices?.hostdev)) {
    if (h["@mode"] !== "subsystem") continue;
    const source = (h.source ?? {}) as XmlNode;
    if (h["@type"] === "mdev") {
      const uuid = String((source.address as XmlNode | undefined)?.["@uuid"] ?? "").toLowerCase();
      const mdev = mdevs.find((m) => m.uuid === uuid);
      out.push({
        kind: "mdev",
        address: uuid,
        usbId: null,
        device: mdev?.name ?? null,
        element: h,
      });
    } else if (h["@type"] === "pci" && source.address) {
      const address = pciAddress(source.address);
      const device = devices.find((d) => d.kind === "pci" && d.address === address);
      out.push({ kind: "pci", address, usbId: null, device: device?.name ?? null, element: h });
    } else if (h["@type"] === "usb") {
      const id4 = (n: XmlNode | undefined) =>
        n ? parseInt(String(n["@id"]), 16).toString(16).padStart(4, "0") : null;
      const vendor = id4(source.vendor);
      const product = id4(source.product);
      const a = source.address as XmlNode | undefined;
      const address = a
        ? `${String(Number(a["@bus"])).padStart(3, "0")}:${
          String(Number(a["@device"])).padStart(3, "0")
        }`
        : null;
      const usbId = vendor && product ? `${vendor}:${product}` : null;
      const device = devices.find((d) =>
        d.kind === "usb" &&
        (address ? d.address === address : `${d.vendor.id}:${d.product.id}` === usbId)
      );
      out.push({ kind: "usb", address, usbId, device: device?.name ?? null, element: h });
    }
  }
  return out;
}

function useWords(use: HostUse): string {
  switch (use.reason) {
    case "route":
      return t("the NIC of the host's default route ({{via}})", { via: use.via ?? "?" });
    case "root-disk":
      return t("the controller of the host's root disk ({{via}})", { via: use.via ?? "?" });
    case "console":
      return t("the host's console GPU");
  }
}

/** The VMs (by name) whose definition is given the mediated device with this UUID. */
export async function mdevHolders(client: LibvirtClient, uuid: string): Promise<string[]> {
  const holders = await client.call("domainXmlList");
  return holders.filter((h) =>
    vmHostDevices(h.xml, []).some((d) => d.kind === "mdev" && d.address === uuid)
  ).map((h) => h.name);
}

/** Attach, detach and list a VM's host devices. */
export class Passthrough {
  /** `lock`: the VMs' one lock, so a device change waits for the VM's other operations. */
  constructor(
    private readonly client: LibvirtClient,
    private readonly inventory: HostDeviceService,
    private readonly lock: VmLock,
  ) {}

  /** The VM's host devices, matched to the host's devices where it has them. */
  async list(id: string): Promise<VmHostDevice[]> {
    const vm = await lookup(this.#ctx(id), t("Failed to read the VM's host devices"));
    const { devices, mdevs } = await this.inventory.inventory();
    return vmHostDevices(vm.xml, devices, mdevs).map(({ element: _, ...d }) => d);
  }

  attach(id: string, input: AttachInput): Promise<HostDeviceAttachResult> {
    return this.lock(id, () => this.#attach(id, input));
  }

  detach(id: string, device: string): Promise<{ live: boolean; nextBoot: boolean }> {
    return this.lock(id, () => this.#detach(id, device));
  }

  async #attach(id: string, input: AttachInput): Promise<HostDeviceAttachResult> {
    const failed = t("Failed to attach host device {{device}}", { device: input.device });
    const { devices, mdevs } = await this.inventory.inventory();
    if (input.device.startsWith("mdev_")) return await this.#attachMdev(id, input, devices, mdevs);
    const device = devices.find((d) => d.name === input.device);
    if (!device) {
      throw hostDeviceNotFound(input.device);
    }
    if (input.wholeGroup && device.kind !== "pci") {
      throw new AppError("BAD_REQUEST", t("wholeGroup is for PCI devices: USB has no IOMMU group"));
    }
    // The whole group: the device and its group's other devices that can be assigned.
    const members = input.wholeGroup ? [device, ...assignablePeers(device, devices)] : [device];
    if (device.hostUse) {
      throw new AppError(
        "HOST_DEVICE_IN_USE",
        t("{{address}} is {{use}}: passing it through would cut the host off from it", {
          address: device.address,
          use: useWords(device.hostUse),
        }),
      );
    }
    for (const peer of device.groupPeers) {
      const other = devices.find((d) => d.kind === "pci" && d.address === peer);
      if (other?.hostUse) {
        throw new AppError(
          "HOST_DEVICE_IN_USE",
          t(
            "{{address}} shares IOMMU group {{group}} with {{peer}}, {{use}}: a group passes through whole, so it cannot be given to a VM",
            {
              address: device.address,
              group: device.iommuGroup,
              peer,
              use: useWords(other.hostUse),
            },
          ),
        );
      }
    }
    const vm = await lookup(this.#ctx(id), failed);
    const holders = await this.#domains(failed);
    const names = new Set([
      device.name,
      ...device.groupPeers.map((p) => `pci_${p.replace(/[:.]/g, "_")}`),
    ]);
    for (const holder of holders) {
      const held = vmHostDevices(holder.xml, devices).find((h) => h.device && names.has(h.device));
      if (!held) continue;
      if (holder.uuid === vm.uuid) {
        throw new AppError(
          "HOST_DEVICE_ASSIGNED",
          t("{{address}} is already given to this VM", {
            address: held.address ?? held.usbId ?? device.address,
          }),
        );
      }
      if (holder.active) {
        throw new AppError(
          "HOST_DEVICE_ASSIGNED",
          t("{{address}} is given to the running VM {{name}}", {
            address: held.address ?? held.usbId ?? device.address,
            name: holder.name,
          }),
        );
      }
    }
    // A stopped VM gets a multifunction device's functions in one guest slot behind a port of
    // their own; QEMU hot-plugs functions only one by one, so a running VM gets them apart.
    const plan = input.wholeGroup && !vm.running ? multifunctionPlan(vm.xml, members) : null;
    // libvirt hot-plugs PCI and USB host devices: live too when the VM runs. A group goes in
    // whole or not at all: a member libvirt refuses takes the ones before it back out.
    const ctx = this.#ctx(id);
    const apply = (kind: "attach" | "detach", xml: string, adds?: NewDevice) =>
      change(ctx, vm.uuid, vm.running, kind, xml, { hotplug: true, failed, adds });
    const done: string[] = [];
    let live = false;
    try {
      if (plan) {
        await apply("attach", plan.controllerXml);
        done.push(plan.controllerXml);
      }
      for (const member of members) {
        // A PCI device takes a guest slot of its own; a USB device sits on the USB controller.
        const adds: NewDevice | undefined = member.kind === "pci"
          ? { pciHostdev: true }
          : undefined;
        if (adds && vm.running) await refuseWithoutSlot(ctx, vm.uuid, adds);
        const xml = hostdevXml(member, input, plan?.places.get(member.address));
        ({ live } = await apply("attach", xml, adds));
        done.push(xml);
      }
    } catch (err) {
      for (const xml of done.reverse()) await apply("detach", xml).catch(() => {});
      throw err;
    }
    return {
      live,
      nextBoot: true,
      groupPeers: device.groupPeers,
      attached: members.map((m) => m.name),
      multifunction: plan !== null,
    };
  }

  /** A mediated device instance: free of other VMs, given by its UUID. */
  async #attachMdev(
    id: string,
    input: AttachInput,
    devices: HostDevice[],
    mdevs: MdevInstance[],
  ): Promise<HostDeviceAttachResult> {
    const failed = t("Failed to attach host device {{device}}", { device: input.device });
    const mdev = mdevs.find((m) => m.name === input.device);
    if (!mdev) {
      throw hostDeviceNotFound(input.device);
    }
    if (input.wholeGroup) {
      throw new AppError(
        "BAD_REQUEST",
        t("wholeGroup is for PCI devices: a mediated device is given alone"),
      );
    }
    const vm = await lookup(this.#ctx(id), failed);
    const holders = await this.#domains(failed);
    for (const holder of holders) {
      if (!vmHostDevices(holder.xml, devices, mdevs).some((h) => h.device === mdev.name)) continue;
      throw new AppError(
        "HOST_DEVICE_ASSIGNED",
        holder.uuid === vm.uuid
          ? t("{{address}} is already given to this VM", { address: mdev.uuid })
          : t("The mediated device {{device}} is given to {{vms}}: take it back first", {
            device: mdev.name,
            vms: holder.name,
          }),
      );
    }
    const parent = devices.find((d) => d.name === mdev.parent);
    const api = parent?.mdevTypes.find((m) => m.id === mdev.type)?.deviceApi ?? null;
    // The vfio-pci API (the default) puts it on the guest's PCI bus, in a slot of its own.
    const adds: NewDevice | undefined = (api ?? "vfio-pci") === "vfio-pci"
      ? { pciHostdev: true }
      : undefined;
    const ctx = this.#ctx(id);
    if (adds && vm.running) await refuseWithoutSlot(ctx, vm.uuid, adds);
    const { live } = await change(
      ctx,
      vm.uuid,
      vm.running,
      "attach",
      mdevHostdevXml(mdev.uuid, api),
      { hotplug: true, failed, adds },
    );
    return { live, nextBoot: true, groupPeers: [], attached: [mdev.name], multifunction: false };
  }

  async #detach(id: string, deviceName: string): Promise<{ live: boolean; nextBoot: boolean }> {
    const failed = t("Failed to detach host device {{device}}", { device: deviceName });
    const vm = await lookup(this.#ctx(id), failed);
    const { devices, mdevs } = await this.inventory.inventory();
    const held = vmHostDevices(vm.xml, devices, mdevs).find((h) => h.device === deviceName);
    if (!held) {
      throw new AppError(
        "HOST_DEVICE_NOT_FOUND",
        t("The VM has no host device {{device}}", { device: deviceName }),
      );
    }
    const xml = xmlBuilder.build({ hostdev: held.element }) as string;
    const { live } = await change(this.#ctx(id), vm.uuid, vm.running, "detach", xml, {
      hotplug: true,
      failed,
    });
    return { live, nextBoot: true };
  }

  /** Every VM's XML, to find which holds a device. */
  async #domains(failed: string) {
    try {
      return await this.client.call("domainXmlList");
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
  }

  #ctx(id: string): Ctx {
    return { client: this.client, id };
  }
}
