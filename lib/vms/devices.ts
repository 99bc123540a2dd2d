// Disks, CD-ROMs and NICs of an existing VM: attach, detach, resize and media change, live
// where the bus allows hot-plug, always kept in the persistent definition.

import { type NetworkFacts, networkFacts } from "../xml/network_xml.ts";
import { filterForNewNic } from "../xml/nwfilter_xml.ts";
import type { NicVlan } from "../../shared/vms.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { Impact, XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, badRequest, fromLibvirt } from "../errors.ts";
import { vmState } from "./domains.ts";
import type { z } from "zod";
import type { DeviceResult, DiskAttach } from "../../shared/vms.ts";
import type { DiskAttachBody, NicAttachBody } from "./input.ts";
import { newVolume } from "../storage/pinned_copy.ts";
import {
  checkSourcePath,
  sourceRefused,
  sourceVolume,
  volumeFormat,
} from "../storage/disk_sources.ts";
import {
  cdromDeviceXml,
  diskDeviceXml,
  diskTargets,
  findDiskXml,
  findInterfaceXml,
  interfaceDeviceXml,
  nextTarget,
} from "../xml/domain_update.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { refuseProtectedDetach } from "./protection.ts";
import { lacksHotplugSlot, type NewDevice } from "../xml/pci_slots.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { t } from "../../shared/i18n/t.ts";

const { LIVE, CONFIG } = Impact;
const GB = 1024 ** 3;

type DiskAttachInput = z.output<typeof DiskAttachBody>;

export interface Ctx {
  client: LibvirtClient;
  id: string;
}

/** The VM's UUID, whether it runs, and its persistent definition; libvirt's failure as `failed`. */
export async function lookup({ client, id }: Ctx, failed: string) {
  try {
    const snap = await client.call("domainGet", id, XmlFlags.INACTIVE);
    return {
      uuid: snap.uuid,
      name: snap.name,
      running: vmState(snap.state) !== "stopped",
      xml: snap.xml,
    };
  } catch (err) {
    throw fromLibvirt(err, { id, failed });
  }
}

/**
 * Applies a device change to the definition and, for a running VM, live too when the bus
 * hot-plugs (SATA does not): live first, so a refused hot-plug leaves the definition alone.
 * `adds`: the device an attach adds, so that a refusal for want of a PCI slot says so.
 */
export async function change(
  ctx: Ctx,
  uuid: string,
  running: boolean,
  kind: "attach" | "detach" | "update",
  xml: string,
  { hotplug, failed, adds }: { hotplug: boolean; failed: string; adds?: NewDevice },
): Promise<{ live: boolean }> {
  const { client, id } = ctx;
  try {
    if (running && hotplug) {
      await client.call("domainDevice", uuid, kind, xml, LIVE | CONFIG);
      return { live: true };
    }
    await client.call("domainDevice", uuid, kind, xml, CONFIG);
    return { live: false };
  } catch (err) {
    if (running && hotplug && adds && await outOfSlots(ctx.client, uuid, err, adds)) {
      throw noHotplugSlot(err);
    }
    throw fromLibvirt(err, { id, failed });
  }
}

/** The refusal of a hot-plug for want of a free PCI slot, in the user's words. */
function noHotplugSlot(cause?: unknown): AppError {
  return new AppError(
    "NO_HOTPLUG_SLOT",
    t("No free slot for hot-plug: shut the VM down to add it"),
    undefined,
    { cause },
  );
}

/**
 * Refuses, before libvirt is asked, to hot-plug `device` into the running VM `uuid` when its
 * live XML has no free slot for it. For host PCI devices: libvirt checks the host's VFIO
 * support and readies the host's device (binds it to vfio-pci) before it looks for a guest slot
 * (src/qemu/qemu_hotplug.c, qemuDomainAttachHostPCIDevice), so its own refusal comes late, or
 * as another error: libvirt 9 on a host without VFIO says "host doesn't support passthrough".
 */
export async function refuseWithoutSlot(
  { client }: Ctx,
  uuid: string,
  device: NewDevice,
): Promise<void> {
  const live = await client.call("domainXml", uuid, 0).catch(() => null);
  if (live !== null && lacksHotplugSlot(live, device)) throw noHotplugSlot();
}

/**
 * Whether a refused hot-plug was for want of a free PCI slot. libvirt says so as INTERNAL_ERROR
 * ("No more available PCI slots", src/conf/domain_addr.c), a code other failures share: the
 * running VM's live XML decides, never the message. A running VM cannot get new PCI ports; a
 * stopped one gets from libvirt the ports its devices need.
 */
async function outOfSlots(
  client: LibvirtClient,
  uuid: string,
  err: unknown,
  device: NewDevice,
): Promise<boolean> {
  if (!(err instanceof LibvirtError) || err.code !== ErrorCode.INTERNAL_ERROR) return false;
  const live = await client.call("domainXml", uuid, 0).catch(() => null);
  return live !== null && lacksHotplugSlot(live, device);
}

/** A checked attach request with its defaults: the virtio bus, a qcow2 volume. */
function withDefaults(input: DiskAttachInput): DiskAttach {
  const { bus, volumePath, format, newVolume } = input;
  return {
    bus: bus ?? "virtio",
    format: newVolume ? newVolume.format : format ?? "qcow2",
    volumePath,
    newVolume,
  };
}

/** Attaches a disk: an existing pool volume, or a new volume made for it. */
export async function diskAttach(ctx: Ctx & { input: DiskAttachInput }): Promise<DeviceResult> {
  const req = withDefaults(ctx.input);
  const failed = t("Failed to attach disk");
  const { uuid, running, xml } = await lookup(ctx, failed);
  let path = req.volumePath;
  let format = req.format!;
  let made: string | null = null;
  const target = nextTarget(diskTargets(xml), req.bus);
  if (req.newVolume) {
    const nv = req.newVolume;
    // Named as New volume names: as typed when it ends in the format's extension.
    const file = nv.name.endsWith(`.${nv.format}`) ? nv.name : `${nv.name}.${nv.format}`;
    try {
      // Through the opened file in a local folder pool (libvirt's qcow2 creation opens the new
      // name again, following a link swapped in meanwhile).
      path = (await newVolume(ctx.client, {
        pool: nv.pool,
        name: file,
        bytes: nv.sizeGb * GB,
        format: nv.format,
      })).vol.path;
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to create disk image") });
    }
    made = path;
    format = nv.format;
  } else {
    const checked = await checkSourcePath({ client: ctx.client, path: path!, vmWrites: true });
    if ("refusal" in checked) {
      const { refusal } = checked;
      if (refusal.notVolume) {
        throw badRequest(
          t("Disk image not found: {{path}} (it must be a volume of a storage pool)", {
            path: String(path),
          }),
        );
      }
      if (refusal.backing) {
        throw badRequest(
          t("Disk image has a backing file and cannot be attached: {{path}}", {
            path: String(path),
          }),
        );
      }
      throw sourceRefused(t("Disk {{target}}", { target }), refusal.reason);
    }
    // QEMU refuses a raw file declared qcow2 only once it opens it (a live attach fails, a
    // stopped VM fails to start), and shows a guest a qcow2 image declared raw as its container.
    const real = await volumeFormat(ctx.client, checked.vol);
    if (real !== null && (real === "qcow2") !== (format === "qcow2")) {
      throw sourceRefused(
        t("Disk {{target}}", { target }),
        t("{{path}} is a {{real}} image, not {{format}}; attach it as {{fit}}", {
          path: String(path),
          real,
          format,
          fit: real === "qcow2" ? "qcow2" : "raw",
        }),
      );
    }
  }
  try {
    const { live } = await change(
      ctx,
      uuid,
      running,
      "attach",
      diskDeviceXml({ path: path!, format, bus: req.bus, target }),
      { hotplug: req.bus !== "sata", failed, adds: { bus: req.bus } },
    );
    return { target, live, nextBoot: true };
  } catch (err) {
    if (made) await ctx.client.call("volumeDelete", made).catch(() => {});
    throw err;
  }
}

async function diskElement(ctx: Ctx, target: string, failed: string) {
  const found = await lookup(ctx, failed);
  const diskXml = findDiskXml(found.xml, target);
  if (!diskXml) {
    throw new AppError("DISK_NOT_FOUND", t("Disk not found: {{target}}", { target }));
  }
  const disk = parseDomainXml(`<domain><devices>${diskXml}</devices></domain>`).disks[0];
  return { ...found, diskXml, disk };
}

/** Detaches a disk or CD-ROM by guest device name; the volume itself is kept. */
export async function diskDetach(ctx: Ctx & { target: string }): Promise<DeviceResult> {
  const failed = t("Failed to detach disk");
  const { uuid, name, running, xml, diskXml, disk } = await diskElement(ctx, ctx.target, failed);
  refuseProtectedDetach({ xml, name, device: disk.device });
  const { live } = await change(ctx, uuid, running, "detach", diskXml, {
    hotplug: disk.bus !== "sata",
    failed,
  });
  return { target: ctx.target, live, nextBoot: true };
}

/** Grows a disk to `sizeGb`: live through the VM when running, else through the storage pool. */
export async function diskResize(
  ctx: Ctx & { target: string; sizeGb: number },
): Promise<DeviceResult & { sizeBytes: number }> {
  const failed = t("Failed to resize disk");
  const { uuid, running, disk } = await diskElement(ctx, ctx.target, failed);
  if (disk.device !== "disk" || !disk.path) {
    throw badRequest(
      t("Only file-backed disks can be resized: {{target}}", { target: ctx.target }),
    );
  }
  // Growing the file behind a link would write past the pool: the same check, sizes aside.
  const vol = await sourceVolume(
    { client: ctx.client, path: disk.path, backing: true, sizes: false },
    t("Disk {{target}}", { target: ctx.target }),
    () =>
      t("Disk image not found: {{path}} (it must be a volume of a storage pool)", {
        path: disk.path,
      }),
  );
  const bytes = Math.round(ctx.sizeGb * GB);
  if (bytes <= vol.capacityBytes) {
    throw badRequest(
      t("Disks can only grow (current size: {{size}} GiB)", {
        size: String(Math.round(vol.capacityBytes / GB * 10) / 10),
      }),
    );
  }
  try {
    if (running) await ctx.client.call("domainBlockResize", uuid, ctx.target, bytes);
    else await ctx.client.call("volumeResize", disk.path, bytes);
  } catch (err) {
    throw fromLibvirt(err, { id: ctx.id, failed });
  }
  return { target: ctx.target, live: running, nextBoot: true, sizeBytes: bytes };
}

/** Inserts an ISO into a CD-ROM (`isoPath`), or ejects it (`null`). */
export async function cdromChange(
  ctx: Ctx & { target: string; isoPath: string | null },
): Promise<DeviceResult> {
  const failed = t("Failed to change CD-ROM media");
  const { uuid, running, disk } = await diskElement(ctx, ctx.target, failed);
  if (disk.device !== "cdrom") {
    throw badRequest(t("Not a CD-ROM: {{target}}", { target: ctx.target }));
  }
  if (ctx.isoPath) {
    await sourceVolume(
      { client: ctx.client, path: ctx.isoPath, readonly: true },
      t("CD-ROM {{target}}", { target: ctx.target }),
      () =>
        t("ISO file not found: {{path}} (it must be a volume of a storage pool)", {
          path: ctx.isoPath,
        }),
    );
  }
  const xml = cdromDeviceXml({
    path: ctx.isoPath,
    bus: disk.bus ?? "sata",
    target: ctx.target,
  });
  // Media change works on every bus while running: the drive stays, only the disc changes.
  const { live } = await change(ctx, uuid, running, "update", xml, { hotplug: true, failed });
  return { target: ctx.target, live, nextBoot: true };
}

/** Attaches a NIC on a libvirt network of this host. */
export async function nicAttach(
  ctx: Ctx & { input: z.output<typeof NicAttachBody> },
): Promise<DeviceResult & { mac?: string }> {
  const failed = t("Failed to attach network interface");
  const { network, portgroup, vlan } = ctx.input;
  const nets = await ctx.client.call("networkList").catch(() => []);
  const net = nets.find((n) => n.name === network);
  if (!net) {
    throw badRequest(t("Network not found: {{name}}", { name: network }));
  }
  checkNicPorts(network, networkFacts(net.xml), { portgroup, vlan });
  const { uuid, running, xml } = await lookup(ctx, failed);
  const { live } = await change(
    ctx,
    uuid,
    running,
    "attach",
    interfaceDeviceXml({
      // A VM whose firewall is on has it on every NIC, this one too.
      filter: filterForNewNic(xml, uuid),
      network,
      model: ctx.input.model ?? "virtio",
      bandwidth: ctx.input.bandwidth,
      mtu: ctx.input.mtu,
      portgroup,
      vlan,
    }),
    { hotplug: true, failed, adds: { nic: true } },
  );
  return { live, nextBoot: true };
}

/** A port group the network has, and VLAN tags only where its ports can tag frames. */
function checkNicPorts(
  network: string,
  facts: NetworkFacts,
  { portgroup, vlan }: { portgroup?: string | null; vlan?: NicVlan | null },
): void {
  if (portgroup && !facts.portgroups.some((g) => g.name === portgroup)) {
    throw badRequest(
      t("Network {{network}} has no port group {{portgroup}}", { network, portgroup }),
    );
  }
  if (vlan && !facts.carriesVlans) {
    throw badRequest(
      t(
        "Network {{network}} cannot tag frames: VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough",
        { network },
      ),
    );
  }
}

/** Detaches the NIC with this MAC address. */
export async function nicDetach(ctx: Ctx & { mac: string }): Promise<DeviceResult> {
  const failed = t("Failed to detach network interface");
  const { uuid, running, xml } = await lookup(ctx, failed);
  const nicXml = findInterfaceXml(xml, ctx.mac);
  if (!nicXml) {
    throw new AppError(
      "NIC_NOT_FOUND",
      t("Network interface not found: {{mac}}", { mac: ctx.mac }),
    );
  }
  const { live } = await change(ctx, uuid, running, "detach", nicXml, { hotplug: true, failed });
  return { live, nextBoot: true };
}
