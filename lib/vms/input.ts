// The request bodies of /api/vms (routes/api/vms.ts, vm_config.ts), checked at the boundary in
// the contract's words. The VM rules themselves live in shared/vm_config.ts, which the wizard
// runs in the browser too: these schemas call them for their verdict and words, never restate them.

import { VlanBody } from "../networks/vlan_input.ts";
import { z } from "zod";
import {
  BATCH_ACTIONS,
  BOOT_DEVICES,
  DISK_BUSES,
  DISK_FORMATS,
  DISPLAY_TYPES,
  OS_TYPES,
} from "../../shared/vms.ts";
import {
  cpuIssue,
  descriptionIssue,
  displayIssue,
  MAX_CPUS,
  maxVmMemoryMb,
  memoryIssue,
  NAME_RULE,
  nameIssue,
} from "../../shared/vm_config.ts";
import { t } from "../../shared/i18n/t.ts";
import { strictBodyError } from "../validate.ts";
import { MAX_PASSWORD_INPUT } from "../../shared/cloud_init.ts";
import { volumeNameIssue } from "../storage/volume_input.ts";
import { MAX_VOLUME_BYTES } from "../storage/disk_sources.ts";

const poolNotFound = (name: unknown) =>
  t("Storage pool not found: {{name}}", { name: String(name) });

/** A shared rule: the problem with a value in the contract's words, or null. */
type Rule = (value: unknown) => string | null;

/** A zod error option that words any refusal of a value as `rule` does. */
const wordsOf = (rule: Rule) => ({
  error: (issue: { input?: unknown }) => rule(issue.input) ?? undefined,
});

/** `base` (made with the rule's words for a wrong type) narrowed to what `rule` accepts. */
function ruled<T extends z.ZodType>(base: (words: ReturnType<typeof wordsOf>) => T, rule: Rule) {
  return base(wordsOf(rule)).superRefine((value, ctx) => {
    const problem = rule(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  });
}

/** A VM name in the shared rule's words (shared/vm_config.ts nameIssue). */
export const vmName = ruled((words) => z.string(words), nameIssue).meta({
  description: "1-64 letters, digits, - and _, not starting with a digit or -",
});

// ---- Create and validate ----

const flag = z.boolean().optional();

/**
 * What a VmConfig looks like (shared/vms.ts), for the API reference. Every value is read, since
 * a config is checked with the host's facts by the shared rules, which answer with every field's
 * problem (`errors`) rather than the first.
 */
const VmConfigShape = z.looseObject({
  name: z.string(),
  cpuCount: z.int(),
  memoryMb: z.int(),
  diskSizeGb: z.int().optional().meta({ description: "Not needed with importDiskPath" }),
  osType: z.enum(OS_TYPES),
  osVariant: z.string().optional().meta({ description: "An osinfo short id (debian12)" }),
  isoPath: z.string().optional().meta({ description: "A volume of a storage pool" }),
  network: z.string().meta({ description: 'A libvirt network; "" for none' }),
  diskFormat: z.enum(DISK_FORMATS),
  bootMenu: z.boolean(),
  description: z.string().optional(),
  storagePool: z.string().optional(),
  importDiskPath: z.string().optional().meta({ description: "An existing volume, not a new one" }),
  extraDiskPaths: z.array(z.string()).optional().meta({
    description: "Existing volumes attached after the disk (at most 8)",
  }),
  baseImagePath: z.string().optional().meta({
    description: "A linked clone: the disk is a qcow2 overlay of this volume of the same pool",
  }),
  diskBus: z.enum(DISK_BUSES).optional(),
  firmware: z.enum(["bios", "uefi"]).optional(),
  secureBoot: flag,
  tpm: flag,
  allowOvercommit: flag,
  cloudInit: z.looseObject({
    hostname: z.string().optional(),
    user: z.string().optional(),
    password: z.string().max(MAX_PASSWORD_INPUT).optional().meta({
      description:
        "In clear, at most 511 UTF-8 bytes; hashed (SHA-512 crypt) on the server, never stored or sent back",
    }),
    passwordHash: z.string().optional(),
    sshKeys: z.array(z.string()).optional(),
    userData: z.string().optional(),
    network: z.looseObject({
      addresses: z.array(z.string()).meta({ description: '"192.168.1.50/24", "2001:db8::5/64"' }),
      gateway4: z.string().optional(),
      gateway6: z.string().optional(),
      dns: z.array(z.string()).optional(),
      search: z.array(z.string()).optional(),
    }).optional().meta({
      description: "Static addresses (cloud-init network-config); absent: DHCP",
    }),
  }).optional(),
  directKernel: z.looseObject({
    kernelPath: z.string(),
    initrdPath: z.string().optional(),
    cmdline: z.string().optional(),
  }).optional(),
  virtType: z.enum(["kvm", "qemu"]).optional(),
  autostart: flag,
  antiSpoofing: flag.meta({
    description:
      "The VM's own firewall filter with libvirt's clean-traffic on its NIC (needs a network)",
  }),
  start: flag,
  display: z.enum(DISPLAY_TYPES).optional().meta({ description: "The console; default vnc" }),
  windows: z.looseObject({
    virtioDrivers: z.string().nullable().optional().meta({
      description:
        "The virtio-win driver CD (a volume of a pool): disk and NIC on virtio with it as a second CD-ROM; null: none (SATA, e1000e); absent: the first one found in a pool",
    }),
  }).optional().meta({ description: "Windows guests only" }),
  clipboard: flag.meta({
    description: "A clipboard channel to the guest's spice-vdagent (qemu-vdagent with VNC)",
  }),
}).meta({ id: "VmConfig" });

/** The body of `POST /api/vms` and `/api/vms/validate`: read as is, checked by the service. */
export const VmConfigBody = z.union([VmConfigShape, z.unknown()]).meta({
  description: "A VM config. Anything else is answered with field errors, as a wrong config is",
});

// ---- Delete ----

/** The optional body of `DELETE /api/vms/:id`. */
// Strict: a misspelt key ("deleteDisk") is refused rather than read as "keep every disk".
export const DeleteBody = z.strictObject({
  deleteDisks: z.boolean({
    error: () => t("{{field}} must be true or false", { field: "deleteDisks" }),
  })
    .optional().meta({
      description:
        "Delete the VM's own disk volumes too: never an ISO, a disk another VM uses or a base of linked clones",
    }),
  volumes: z.array(
    z.string({ error: () => t("volumes must be a list of disk paths") }).max(4096),
    {
      error: () => t("volumes must be a list of disk paths"),
    },
  ).max(256).optional().meta({
    description:
      "Exactly these disk paths of the VM are deleted (see GET /api/vms/{id}/delete-plan); wins over deleteDisks",
  }),
}, strictBodyError('{"volumes": ["/var/lib/libvirt/images/vm.qcow2"]}'));

// ---- Batch ----

/** Most VMs one request may name; the list's "select all" stays under it on real hosts. */
export const BATCH_MAX_VMS = 500;

// Functions: zod asks for a message when a request fails, in that request's language.
const EVERY_ID = () => t("Every id must be a VM's UUID or name");
const IDS = () => t("ids must be a non-empty list of VM ids");

/** The body of `POST /api/vms/batch`; every problem is INVALID_BATCH. */
export const BatchBody = z.object({
  action: z.enum(BATCH_ACTIONS, {
    error: (issue) =>
      t('Invalid action "{{action}}": must be one of {{actions}}', {
        action: String(issue.input),
        actions: BATCH_ACTIONS.join(", "),
      }),
  }),
  ids: z.array(
    z.string({ error: EVERY_ID }).refine((id) => id.trim() !== "", { error: EVERY_ID }),
    { error: IDS },
  ).min(1, { error: IDS }).max(BATCH_MAX_VMS, {
    error: (issue) =>
      t("Too many VMs: {{n}}; at most {{max}} per batch", {
        n: String((issue.input as unknown[]).length),
        max: String(BATCH_MAX_VMS),
      }),
  }).refine((ids) => new Set(ids).size === ids.length, {
    error: () => t("ids must not repeat a VM"),
  }),
  snapshot: z.looseObject({}, {
    error: () =>
      t("snapshot must be an object like {{example}}", { example: '{"name": "before-upgrade"}' }),
  }).optional().meta({
    description: "Options of each VM's snapshot ({name?, description?}), for the snapshot action",
  }),
}, strictBodyError('{"action": "start", "ids": ["…"]}')).refine(
  (body) => body.snapshot === undefined || body.action === "snapshot",
  { error: () => t("snapshot options apply only to the snapshot action"), path: ["snapshot"] },
);

export type BatchRequest = z.output<typeof BatchBody>;

// ---- Edit ----

const BOOT_ORDER = () => t("bootOrder must list distinct devices among hd, cdrom and network");
const editFlag = (name: string) =>
  z.boolean({ error: () => t("{{field}} must be true or false", { field: name }) }).optional();

/**
 * The body of `PATCH /api/vms/:id`. Memory is checked against the host's (90% of it) once it is
 * known, `editBody(hostMemoryMb)`; the route checks everything else before.
 */
export function editBody(hostMemoryMb?: number) {
  const max = hostMemoryMb === undefined ? undefined : maxVmMemoryMb(hostMemoryMb);
  // Fields in the order the contract reports their problems.
  return z.strictObject({
    name: vmName.optional(),
    cpuCount: z.int(wordsOf(cpuIssue)).min(1, wordsOf(cpuIssue)).max(MAX_CPUS, wordsOf(cpuIssue))
      .optional(),
    memoryMb: ruled((words) => z.number(words), (mb) => memoryIssue(mb, max)).optional().meta({
      description: "At least 128, at most 90% of the host's",
    }),
    description: ruled((words) => z.string(words), descriptionIssue).optional(),
    autostart: editFlag("autostart"),
    bootMenu: editFlag("bootMenu"),
    bootOrder: z.array(z.enum(BOOT_DEVICES, { error: BOOT_ORDER }), { error: BOOT_ORDER })
      .min(1, { error: BOOT_ORDER })
      .refine((order) => new Set(order).size === order.length, { error: BOOT_ORDER })
      .optional(),
    display: z.enum(DISPLAY_TYPES, { error: (issue) => displayIssue(issue.input) }).optional(),
    clipboard: editFlag("clipboard"),
  }, strictBodyError());
}

export const VmEditBody = editBody();

// ---- Devices ----

const diskSize = (sizeGb: unknown) =>
  t("Invalid disk size: {{value}} GiB (minimum 1 GiB)", { value: String(sizeGb) });
const newDiskSize = (sizeGb: unknown) =>
  t("Invalid disk size: {{value}} GiB (more than 0, at most {{max}} GiB)", {
    value: String(sizeGb),
    max: String(MAX_VOLUME_BYTES / 1024 ** 3),
  });
const diskFormat = z.enum(DISK_FORMATS, {
  error: (issue) =>
    t("Invalid disk format: {{value}} (must be qcow2 or raw)", { value: String(issue.input) }),
});
const absolute = (words: (path: unknown) => string) =>
  z.string({ error: (issue) => words(issue.input) }).refine((path) => path.startsWith("/"), {
    error: (issue) => words(issue.input),
  });

const isBus = (bus: unknown) => (DISK_BUSES as readonly unknown[]).includes(bus ?? "virtio");

/**
 * The body of `POST /api/vms/:id/disks`: an existing volume, or a new one made for the disk.
 * Problems in the contract's order: the bus, then which of the two, then the rest.
 */
export const DiskAttachBody = z.object({
  bus: z.enum(DISK_BUSES, {
    error: (issue) =>
      t("Invalid disk bus: {{value}} (must be virtio, scsi or sata)", {
        value: String(issue.input),
      }),
  }).nullish().meta({ description: "Default virtio" }),
  format: diskFormat.nullish().meta({ description: "The volume's; default qcow2" }),
  newVolume: z.object({
    format: diskFormat,
    pool: z.string({ error: (issue) => poolNotFound(issue.input) }).min(1, {
      error: (issue) => poolNotFound(issue.input),
    }),
    // The same rule as New volume: "data.qcow2" names the file as typed, "data" gets the
    // format's extension (lib/vms/devices.ts).
    name: ruled((words) => z.string(words), volumeNameIssue),
    sizeGb: z.number({ error: (issue) => newDiskSize(issue.input) })
      .gt(0, { error: (issue) => newDiskSize(issue.input) })
      .max(MAX_VOLUME_BYTES / 1024 ** 3, { error: (issue) => newDiskSize(issue.input) })
      .meta({ description: "GiB, fractions allowed (0.5 is 512 MiB)" }),
  }, {
    error: () =>
      t("newVolume must be an object like {{example}}", {
        example: "{pool, name, sizeGb, format}",
      }),
  }).optional(),
  volumePath: absolute((path) => t("Disk image not found: {{path}}", { path: String(path) }))
    .optional().meta({
      description: "A volume of a storage pool",
    }),
}, strictBodyError("")).refine(
  // Whole-body, so it comes before the fields' problems; a wrong bus is said first.
  (body) => !isBus(body.bus) || (body.volumePath === undefined) !== (body.newVolume === undefined),
  {
    error: () => t("Give either volumePath or newVolume"),
    when: ({ value }) => typeof value === "object" && value !== null,
  },
);

/** The body of `POST /api/vms/:id/disks/:target/resize`. */
export const DiskResizeBody = z.object({
  sizeGb: z.number({ error: (issue) => diskSize(issue.input) })
    .min(1, { error: (issue) => diskSize(issue.input) })
    .max(1024 * 1024, { error: (issue) => diskSize(issue.input) })
    .meta({ description: "The new size, larger than the current one" }),
}, strictBodyError('{"sizeGb": 20}'));

/** The body of `PUT /api/vms/:id/cdroms/:target`. */
export const CdromBody = z.object({
  isoPath: absolute((path) => t("ISO file not found: {{path}}", { path: String(path) })).nullish()
    .meta({
      description: "An ISO volume of a storage pool; null or absent: eject",
    }),
}, strictBodyError('{"isoPath": "/…"}'));

const NIC_MODELS = ["virtio", "e1000e", "e1000", "rtl8139"] as const;

/** The body of `POST /api/vms/:id/interfaces`. */
const RATE_WORDS = () =>
  t("bandwidth.inbound and bandwidth.outbound take averageKBps, peakKBps and burstKiB: whole numbers from 1 to 4294967295");
const RATE = z.int({ error: () => RATE_WORDS() }).min(1, { error: () => RATE_WORDS() })
  .max(4294967295, { error: () => RATE_WORDS() });
const NIC_RATE = z.strictObject({
  averageKBps: RATE,
  peakKBps: RATE.nullish(),
  burstKiB: RATE.nullish(),
}, { error: () => RATE_WORDS() });
const MTU_WORDS = () => t("mtu must be a whole number of bytes from 68 to 65535");

export const NicAttachBody = z.object({
  network: z.string({
    error: (issue) => t("Network not found: {{name}}", { name: String(issue.input) }),
  }).meta({
    description: "A libvirt network of this host",
  }),
  model: z.enum(NIC_MODELS, {
    error: (issue) =>
      t("Invalid NIC model: {{value}} (virtio, e1000e, e1000 or rtl8139)", {
        value: String(issue.input),
      }),
  }).nullish().meta({ description: "Default virtio" }),
  bandwidth: z.strictObject({ inbound: NIC_RATE.nullish(), outbound: NIC_RATE.nullish() }, {
    error: () => RATE_WORDS(),
  }).nullish().meta({ description: "Limits in KiB/s, bursts in KiB" }),
  mtu: z.int({ error: () => MTU_WORDS() }).min(68, { error: () => MTU_WORDS() })
    .max(65535, { error: () => MTU_WORDS() }).nullish().meta({ description: "68-65535 bytes" }),
  portgroup: z.string({
    error: () => t("portgroup must be the name of one of the network's port groups"),
  })
    .max(64, { error: () => t("portgroup must be the name of one of the network's port groups") })
    .nullish().meta({ description: "One of the network's port groups" }),
  vlan: VlanBody.nullish().meta({
    description:
      "VLAN tags; the network must carry them (Open vSwitch, SR-IOV, macvtap passthrough)",
  }),
}, strictBodyError('{"network": "default"}'));

// ---- XML and clone ----

/** The most domain XML the editor or an import takes. */
const MAX_XML = 1024 * 1024;
const NO_XML = () => t("xml must be a domain XML document");

/** The body of `PUT /api/vms/:id/xml` and `POST /api/vms/import`. */
export const XmlBody = z.object({
  xml: z.string({ error: NO_XML }).refine((xml) => xml.trim() !== "", { error: NO_XML })
    .max(MAX_XML, { error: () => t("Domain XML is larger than 1 MiB") })
    .meta({ description: "A libvirt domain XML document" }),
}, { error: NO_XML });

/** The body of `POST /api/vms/:id/clone`. */
export const CloneBody = z.object({ name: vmName.meta({ description: "The clone's name" }) }, {
  error: () => t(NAME_RULE),
});

// ---- Protection ----

/** The body of `PUT /api/vms/:id/protection`. */
// Strict: a misspelt key ("protect") is refused rather than read as nothing to change.
export const ProtectionBody = z.strictObject({
  protected: z.boolean({
    error: () => t("{{field}} must be true or false", { field: "protected" }),
  })
    .meta({ description: "true: delete is refused until it is cleared" }),
}, strictBodyError('{"protected": true}'));
