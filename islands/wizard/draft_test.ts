// The wizard's pure parts: draft ↔ VmConfig, step of a field, issue merging, option slimming.

import { assertEquals } from "../../tests/support/assert.ts";
import type { CreateOptions, VmConfig } from "../../shared/vms.ts";
import { validateVmConfig } from "../../shared/vm_config.ts";
import {
  draftFromConfig,
  draftToConfig,
  initialDraft,
  sizeIssues,
  stepOfField,
  withSizeIssues,
} from "./draft.ts";
import { mergeIssues, stillValid } from "./issues.ts";
import { matchVariants } from "./os_search.ts";
import { hostFacts, recommendationText, wizardOptions } from "./options.ts";

const OPTIONS: CreateOptions = {
  hostCpus: 8,
  hostMemoryMb: 16384,
  maxMemoryMb: 14745,
  pools: [
    {
      name: "images",
      active: false,
      capacityBytes: 0,
      allocationBytes: 0,
      availableBytes: 0,
      path: null,
    },
    {
      name: "default",
      active: true,
      capacityBytes: 100 * 1024 ** 3,
      allocationBytes: 0,
      availableBytes: 100 * 1024 ** 3,
      path: "/var/lib/libvirt/images",
    },
  ],
  networks: [{ name: "lan", active: true }, { name: "default", active: true }],
  isos: [],
  driverIsos: [],
  osVariants: [
    variant("debian12", "Debian 12", "linux", { recommendedMemoryMb: 2048, minimumCpus: 1 }),
    variant("win11", "Microsoft Windows 11", "windows", {
      recommendedMemoryMb: 4096,
      recommendedCpus: 2,
      recommendedDiskGb: 64,
    }),
    variant("debian9", "Debian 9", "linux", {}, false),
  ],
  uefiAvailable: false,
  secureBootAvailable: false,
  tpmAvailable: false,
  kvmAvailable: true,
  hypervAvailable: true,
  kvmReason: null,
  cloudInitAvailable: true,
  existingNames: ["web"],
};

function variant(
  id: string,
  name: string,
  osType: "linux" | "windows",
  r: Partial<CreateOptions["osVariants"][number]>,
  supported = true,
): CreateOptions["osVariants"][number] {
  return {
    id,
    osinfoId: `http://example.org/${id}`,
    name,
    osType,
    family: null,
    minimumMemoryMb: null,
    recommendedMemoryMb: null,
    minimumCpus: null,
    recommendedCpus: null,
    minimumDiskGb: null,
    recommendedDiskGb: null,
    releaseDate: null,
    supported,
    ...r,
  };
}

const options = wizardOptions(OPTIONS);

Deno.test("wizard draft - defaults pick the default pool and network and pass the validator", () => {
  const d = { ...initialDraft(options), name: "vm1" };
  assertEquals(d.storagePool, "default");
  assertEquals(d.network, "default");
  const result = validateVmConfig(draftToConfig(d), hostFacts(options));
  assertEquals(result.errors, []);
});

Deno.test("wizard draft - text that is not a number reaches the validator as typed", () => {
  const d = { ...initialDraft(options), name: "vm1", cpuCount: "two", memoryMb: "" };
  const { errors } = validateVmConfig(draftToConfig(d), hostFacts(options));
  assertEquals(errors.map((e) => e.message), [
    "Invalid CPU count: two (must be 1-256)",
    "Invalid memory size:  MiB (minimum 128 MiB)",
  ]);
});

Deno.test("wizard draft - sizes are read with their units into MiB and GiB", () => {
  const d = { ...initialDraft(options), name: "vm1", memoryMb: "1.5 GiB", diskSizeGb: "2048 MiB" };
  assertEquals(initialDraft(options).memoryMb, "1 GiB");
  assertEquals(initialDraft(options).diskSizeGb, "20 GiB");
  const config = draftToConfig(d);
  assertEquals([config.memoryMb, config.diskSizeGb], [1536, 2]);
  assertEquals(sizeIssues(d), []);
  assertEquals(draftToConfig({ ...d, memoryMb: "2048", diskSizeGb: "30" }).memoryMb, 2048);
});

Deno.test("wizard draft - a size that does not read is its field's one error, in a reader's words", () => {
  const d = { ...initialDraft(options), name: "vm1", memoryMb: "2 XB", diskSizeGb: "1.5" };
  const issues = sizeIssues(d);
  assertEquals(issues, [
    {
      field: "memoryMb",
      message: 'Unknown unit "XB": use KiB, MiB, GiB or TiB (a bare number is MiB)',
    },
    { field: "diskSizeGb", message: "Disk size must be a whole number of GiB: 1.5 is 1.5 GiB" },
  ]);
  const { errors } = validateVmConfig(draftToConfig(d), hostFacts(options));
  // The validator's "Invalid memory size: 2 XB MiB" gives way to the reader's message.
  assertEquals(withSizeIssues(errors, issues), issues);
  // An imported disk has no size field, so its text is no problem.
  assertEquals(sizeIssues({ ...d, media: "import" }).map((i) => i.field), ["memoryMb"]);
});

Deno.test("wizard draft - a template's sizes fill the draft as people write them", () => {
  const d = draftFromConfig({ memoryMb: 4096, diskSizeGb: 64 }, initialDraft(options));
  assertEquals([d.memoryMb, d.diskSizeGb], ["4 GiB", "64 GiB"]);
});

Deno.test("wizard draft - optional parts are left out unless chosen", () => {
  const config = draftToConfig({ ...initialDraft(options), name: "vm1", isoPath: "/x.iso" });
  assertEquals(Object.keys(config).sort(), [
    "autostart",
    "bootMenu",
    "cpuCount",
    "diskBus",
    "diskFormat",
    "diskSizeGb",
    "firmware",
    "memoryMb",
    "name",
    "network",
    "osType",
    "secureBoot",
    "start",
    "storagePool",
    "tpm",
  ]);
});

Deno.test("wizard draft - a config survives the round trip through the draft", () => {
  const config: VmConfig = {
    name: "vm1",
    description: "db server",
    cpuCount: 4,
    memoryMb: 8192,
    diskSizeGb: 40,
    osType: "linux",
    osVariant: "debian12",
    importDiskPath: "/var/lib/libvirt/images/base.qcow2",
    network: "",
    storagePool: "default",
    diskFormat: "raw",
    diskBus: "sata",
    bootMenu: true,
    firmware: "uefi",
    secureBoot: true,
    tpm: true,
    virtType: "qemu",
    display: "spice",
    clipboard: true,
    directKernel: { kernelPath: "/k", initrdPath: "/i", cmdline: "console=ttyS0" },
    cloudInit: { user: "admin", sshKeys: ["ssh-ed25519 AAAA a", "ssh-ed25519 BBBB b"] },
    autostart: true,
    start: true,
  };
  const back = draftToConfig(draftFromConfig(config, { ...initialDraft(options), name: "vm1" }));
  assertEquals(back, config);
});

Deno.test("wizard draft - anti-spoofing is sent only with a network, and read back", () => {
  const base = { ...initialDraft(options), name: "vm1", network: "default" };
  assertEquals(draftToConfig({ ...base, antiSpoofing: true }).antiSpoofing, true);
  assertEquals(draftToConfig({ ...base, antiSpoofing: false }).antiSpoofing, undefined);
  assertEquals(draftToConfig({ ...base, network: "", antiSpoofing: true }).antiSpoofing, undefined);
  const back = draftFromConfig({ network: "default", antiSpoofing: true }, initialDraft(options));
  assertEquals([back.network, back.antiSpoofing], ["default", true]);
  assertEquals(stepOfField("antiSpoofing"), "network");
});

Deno.test("wizard draft - cloud-init is dropped where the host cannot write a seed", () => {
  const d = { ...initialDraft(options), name: "vm1", cloudInit: true, ciUser: "admin" };
  assertEquals(draftToConfig(d).cloudInit, { user: "admin" });
  assertEquals(draftToConfig(d, { cloudInitAvailable: false }).cloudInit, undefined);
});

Deno.test("wizard draft - static addresses as typed become the seed's network; they survive the trip", () => {
  const d = {
    ...initialDraft(options),
    name: "vm1",
    cloudInit: true,
    ciStatic: true,
    ciAddresses: "192.168.1.50/24\n 2001:db8::50/64, ",
    ciGateway4: " 192.168.1.1 ",
    ciDns: "1.1.1.1, 9.9.9.9",
    ciSearch: "",
  };
  const network = {
    addresses: ["192.168.1.50/24", "2001:db8::50/64"],
    gateway4: "192.168.1.1",
    dns: ["1.1.1.1", "9.9.9.9"],
  };
  const config = draftToConfig(d);
  assertEquals(config.cloudInit?.network, network);
  assertEquals(
    draftToConfig(draftFromConfig(config, initialDraft(options))).cloudInit?.network,
    network,
  );
  assertEquals(draftToConfig({ ...d, ciStatic: false }).cloudInit, {});
  assertEquals(stepOfField("cloudInit.network.addresses"), "network");
});

Deno.test("wizard draft - an imported disk without a seed names no pool", () => {
  const d = { ...initialDraft(options), name: "vm1", media: "import" as const };
  assertEquals(draftToConfig({ ...d, importDiskPath: "/a.qcow2" }).storagePool, undefined);
  const seeded = { ...d, cloudInit: true };
  assertEquals(draftToConfig(seeded).storagePool, "default");
  assertEquals(draftToConfig(seeded, { cloudInitAvailable: false }).storagePool, undefined);
});

Deno.test("wizard draft - every validator field has a step", () => {
  assertEquals(stepOfField("name"), "basics");
  assertEquals(stepOfField("importDiskPath"), "os");
  assertEquals(stepOfField("directKernel.kernelPath"), "os");
  assertEquals(stepOfField("memoryMb"), "resources");
  assertEquals(stepOfField("storagePool"), "resources");
  assertEquals(stepOfField("cloudInit.sshKeys"), "network");
  assertEquals(stepOfField("start"), "review");
  assertEquals(stepOfField(""), "review");
});

Deno.test("wizard issues - a host answer about a since-changed field is dropped", () => {
  const asked = draftToConfig({ ...initialDraft(options), name: "vm1", media: "import" });
  const now = { ...asked, importDiskPath: "/fixed.qcow2", memoryMb: 2048 };
  const issues = [
    { field: "importDiskPath", message: "Disk image not found: " },
    { field: "osVariant", message: "Unknown OS variant: x" },
  ];
  assertEquals(stillValid(issues, asked, now), [issues[1]]);
  assertEquals(stillValid(issues, null, now), []);
  assertEquals(
    mergeIssues([issues[1]], issues, [issues[1]]),
    [issues[1], issues[0]],
  );
});

Deno.test("wizard options - variants are slimmed, searched across types, EOL hidden", () => {
  const win = options.osVariants.find((v) => v.id === "win11")!;
  assertEquals(win, {
    id: "win11",
    name: "Microsoft Windows 11",
    aliases: "",
    osType: "windows",
    supported: true,
    cpus: 2,
    memoryMb: 4096,
    diskGb: 64,
  });
  assertEquals(recommendationText(win), "Recommended: 2 CPUs, 4 GiB memory, 64 GiB disk");
  const debian = options.osVariants.find((v) => v.id === "debian12")!;
  assertEquals(recommendationText(debian), "Recommended: 1 CPU, 2 GiB memory");
  const ids = (query: string, eol = false) =>
    matchVariants(options.osVariants, { osType: "linux", query, eol }).map((v) => v.id);
  assertEquals(ids(""), ["debian12"]);
  assertEquals(ids("", true), ["debian12", "debian9"]);
  assertEquals(ids("windows 11"), ["win11"]);
});
