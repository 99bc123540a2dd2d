// What the template routes answer (routes/api/templates.ts): a template holds a VM config without
// its name (shared/vms.ts VmConfig), described here whole, as the VM answers are another file's.

import { z } from "zod";
import type { VmTemplate as Template } from "../../../shared/templates.ts";
import type { TemplateView as View } from "../../../lib/auth/redact.ts";
import { DISK_FORMATS, DISPLAY_TYPES } from "../../../shared/vms.ts";
import { DISK_BUSES, OS_TYPES } from "../../../shared/vm_kinds.ts";
import { describes } from "./describes.ts";
import { LinkedClone } from "./storage.ts";

const cloudInitFields = {
  hostname: z.string().optional().meta({ description: "meta-data local-hostname" }),
  user: z.string().optional().meta({ description: "A user to create, with sudo rights" }),
  password: z.string().optional().meta({
    description: "Never sent: a password given in clear is kept as its hash",
  }),
  sshKeys: z.array(z.string()).optional(),
  network: z.object({
    addresses: z.array(z.string()).meta({ description: '"192.168.1.50/24", "2001:db8::50/64"' }),
    gateway4: z.string().optional(),
    gateway6: z.string().optional(),
    dns: z.array(z.string()).optional(),
    search: z.array(z.string()).optional(),
  }).optional().meta({ description: "Static addresses of the VM's NIC; absent: DHCP" }),
};

/** The config's fields but its cloud-init, the same for admins and others. */
const configFields = {
  cpuCount: z.number().int(),
  memoryMb: z.number().int(),
  diskSizeGb: z.number().int(),
  osType: z.enum(OS_TYPES),
  osVariant: z.string().optional().meta({ description: 'An osinfo short id ("debian12")' }),
  isoPath: z.string().optional(),
  network: z.string().meta({ description: 'A libvirt network; "" for no network interface' }),
  diskFormat: z.enum(DISK_FORMATS),
  bootMenu: z.boolean(),
  description: z.string().optional(),
  storagePool: z.string().optional(),
  importDiskPath: z.string().optional(),
  extraDiskPaths: z.array(z.string()).optional(),
  baseImagePath: z.string().optional().meta({
    description: "A linked clone: the new disk is a qcow2 overlay of this base image",
  }),
  diskBus: z.enum(DISK_BUSES).optional(),
  firmware: z.enum(["bios", "uefi"]).optional(),
  secureBoot: z.boolean().optional(),
  tpm: z.boolean().optional(),
  allowOvercommit: z.boolean().optional().meta({ description: "Not kept in a template" }),
  directKernel: z.object({
    kernelPath: z.string(),
    initrdPath: z.string().optional(),
    cmdline: z.string().optional(),
  }).optional(),
  virtType: z.enum(["kvm", "qemu"]).optional(),
  autostart: z.boolean().optional(),
  antiSpoofing: z.boolean().optional(),
  start: z.boolean().optional(),
  display: z.enum(DISPLAY_TYPES).optional(),
  clipboard: z.boolean().optional(),
  windows: z.object({
    virtioDrivers: z.string().nullable().optional().meta({
      description: "The virtio-win driver CD; null: none; absent: the first one found in a pool",
    }),
  }).optional(),
};

const templateFields = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.number().meta({ description: "Unix time in milliseconds" }),
  updatedAt: z.number().meta({ description: "Unix time in milliseconds" }),
};

/**
 * A template whose cloud-init carries `secrets`: the one shape both views share, the secrets
 * being the only fields in which they differ.
 */
const templateWith = <S extends z.ZodRawShape>(secrets: S) =>
  z.object({
    ...templateFields,
    config: z.object({
      ...configFields,
      cloudInit: z.object({ ...cloudInitFields, ...secrets }).optional(),
    }).meta({ description: "A VM config without the VM's name" }),
  });

/** A template whole, with its secrets: what an admin (who alone changes templates) gets back. */
export const VmTemplate = describes<Template>()(
  templateWith({
    passwordHash: z.string().optional().meta({ description: "A crypt(3) hash" }),
    userData: z.string().optional().meta({
      description: "Raw user-data, used instead of the generated #cloud-config",
    }),
  }).meta({ id: "VmTemplate" }),
);

/** A template as a reader gets it: for non-admins, the password hash and user-data hidden. */
export const VmTemplateView = describes<View>()(
  templateWith({
    passwordHash: z.string().nullable().optional().meta({
      description: "A crypt(3) hash; null (with passwordSet) when hidden from a non-admin",
    }),
    passwordSet: z.literal(true).optional().meta({ description: "The hash is set but hidden" }),
    userData: z.string().nullable().optional().meta({
      description: "Raw user-data; null (with userDataSet) when hidden from a non-admin",
    }),
    userDataSet: z.literal(true).optional().meta({
      description: "The user-data is set but hidden",
    }),
  }).meta({ id: "VmTemplateView" }),
);

export const VmTemplateViewList = z.array(VmTemplateView);

/** GET /api/templates/:id/linked. */
export const VmTemplateLinkedClones = z.object({
  baseImagePath: z.string().nullable().meta({
    description: "The template's base image, or null when it makes no linked clones",
  }),
  clones: z.array(LinkedClone).meta({ description: "Its linked clones and the VMs using each" }),
}).meta({ id: "VmTemplateLinkedClones" });
