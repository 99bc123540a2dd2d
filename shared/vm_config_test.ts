import { assert, assertEquals } from "../tests/support/assert.ts";
import type { FieldIssue } from "./vms.ts";
import {
  gbText,
  type HostFacts,
  maxVmMemoryMb,
  NAME_RULE,
  nameIssue,
  spaceText,
  validateVmConfig,
} from "./vm_config.ts";

const GB = 1024 ** 3;

/** A valid request in the contract's shape; tests change one field at a time. */
const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "ubuntu-dev",
  cpuCount: 4,
  memoryMb: 8192,
  diskSizeGb: 50,
  osType: "linux",
  osVariant: "ubuntu22.04",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: true,
  ...over,
});

/** An 8-CPU, 16 GiB host with one 250 GB pool and networks "default" and "lan". */
const facts = (over: Partial<HostFacts> = {}): HostFacts => ({
  hostCpus: 8,
  maxMemoryMb: maxVmMemoryMb(16384),
  existingNames: ["web", "db"],
  networks: ["default", "lan"],
  pools: [
    { name: "default", active: true, availableBytes: 250 * GB },
    { name: "idle", active: false, availableBytes: 900 * GB },
  ],
  uefiAvailable: true,
  secureBootAvailable: true,
  tpmAvailable: true,
  ...over,
});

/** The errors of one field. */
const errorsOf = (input: unknown, field: string, f?: HostFacts): string[] =>
  validateVmConfig(input, f).errors.filter((e) => e.field === field).map((e) => e.message);

const only = (issues: FieldIssue[]) => issues.map((e) => [e.field, e.message]);

Deno.test("vm_config - a valid request has no issues and gets its defaults filled", () => {
  const r = validateVmConfig(base(), facts());
  assertEquals(r.errors, []);
  assertEquals(r.warnings, []);
  assert(r.config);
  assertEquals(r.config.storagePool, "default");
  assertEquals(r.config.diskBus, "virtio");
  assertEquals(r.config.firmware, "bios");
  assertEquals(r.config.name, "ubuntu-dev");
  assertEquals(r.config.cpuCount, 4);
  // An empty pool name is the default pool too; given values are kept.
  const given = validateVmConfig(
    base({ storagePool: "", diskBus: "sata", firmware: "uefi" }),
    facts(),
  );
  assertEquals(given.config?.storagePool, "default");
  assertEquals(given.config?.diskBus, "sata");
  assertEquals(given.config?.firmware, "uefi");
});

Deno.test("vm_config - a request with errors has no config", () => {
  const r = validateVmConfig(base({ cpuCount: 0 }), facts());
  assertEquals(r.config, undefined);
  assertEquals(r.errors.length, 1);
});

Deno.test("vm_config - accepts names of 1 and 64 characters with dash and underscore", () => {
  for (const name of ["a", "A", "x".repeat(64), "web-1_b", "web-01", "_x", "Z9"]) {
    assertEquals(errorsOf(base({ name }), "name"), [], name);
    assertEquals(nameIssue(name), null, name);
  }
});

Deno.test("vm_config - refuses hostile, empty, too long and non-string names with the name rule", () => {
  assertEquals(
    NAME_RULE,
    "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only",
  );
  const bad: unknown[] = [
    "a<b",
    "a&b",
    'a"b',
    "a'b",
    "../x",
    "$(reboot)",
    "a b",
    "x".repeat(65),
    "",
    "web\n",
    "web\0",
    "wéb",
    "a/b",
    "a.b",
    42,
    null,
    undefined,
    ["web"],
    { name: "web" },
    true,
  ];
  for (const name of bad) {
    assertEquals(errorsOf(base({ name }), "name", facts()), [NAME_RULE], JSON.stringify(name));
    assertEquals(nameIssue(name), NAME_RULE, JSON.stringify(name));
  }
});

Deno.test("vm_config - the shared name rule: no leading '-' or '.', no '/', markup or control characters", () => {
  // "-x" became a volume "-x.qcow2" that the volume API itself refuses.
  for (const name of ["-x", "-", "--help"]) {
    assertEquals(errorsOf(base({ name }), "name"), ["Invalid VM name: cannot start with '-'"]);
    assertEquals(nameIssue(name), "Invalid VM name: cannot start with '-'", name);
  }
  for (const name of [".x", "../x", "a/b", "</name>", "web\x07", "web\u202e"]) {
    assertEquals(nameIssue(name), NAME_RULE, JSON.stringify(name));
  }
});

Deno.test("vm_config - refuses a name starting with a digit", () => {
  for (const name of ["1web", "0", "9-x"]) {
    assertEquals(errorsOf(base({ name }), "name"), [
      "Invalid VM name: cannot start with a number",
    ]);
  }
});

Deno.test("vm_config - refuses a name that already exists, only with facts", () => {
  assertEquals(errorsOf(base({ name: "web" }), "name", facts()), [
    "VM name already exists: web",
  ]);
  // The code is the issue's own: the API's 409 is decided by it, never by the words.
  assertEquals(validateVmConfig(base({ name: "web" }), facts()).errors[0].code, "NAME_EXISTS");
  assertEquals(validateVmConfig(base({ cpuCount: 0 }), facts()).errors[0].code, undefined);
  // Names are case-sensitive in libvirt.
  assertEquals(errorsOf(base({ name: "Web" }), "name", facts()), []);
  assertEquals(errorsOf(base({ name: "web" }), "name"), []);
});

Deno.test("vm_config - refuses CPU counts outside 1-256 and non-integers", () => {
  const cases: [unknown, string][] = [
    [0, "Invalid CPU count: 0 (must be 1-256)"],
    [257, "Invalid CPU count: 257 (must be 1-256)"],
    [1.5, "Invalid CPU count: 1.5 (must be 1-256)"],
    ["2", "Invalid CPU count: 2 (must be 1-256)"],
    [-1, "Invalid CPU count: -1 (must be 1-256)"],
    [null, "Invalid CPU count: null (must be 1-256)"],
    [undefined, "Invalid CPU count: undefined (must be 1-256)"],
  ];
  for (const [cpuCount, message] of cases) {
    assertEquals(errorsOf(base({ cpuCount }), "cpuCount", facts()), [message], String(cpuCount));
  }
  for (const cpuCount of [1, 256]) assertEquals(errorsOf(base({ cpuCount }), "cpuCount"), []);
});

Deno.test("vm_config - more CPUs than the host has is a warning, not an error", () => {
  const r = validateVmConfig(base({ cpuCount: 16 }), facts());
  assertEquals(r.errors, []);
  assertEquals(only(r.warnings), [
    ["cpuCount", "CPU count exceeds host capacity (requested: 16, available: 8)"],
  ]);
  assert(r.config, "still creatable");
  // Exactly the host's count is fine; without facts there is nothing to warn about.
  assertEquals(validateVmConfig(base({ cpuCount: 8 }), facts()).warnings, []);
  assertEquals(validateVmConfig(base({ cpuCount: 16 })).warnings, []);
});

Deno.test("vm_config - refuses less than 128 MiB of memory", () => {
  assertEquals(errorsOf(base({ memoryMb: 127 }), "memoryMb"), [
    "Invalid memory size: 127 MiB (minimum 128 MiB)",
  ]);
  assertEquals(errorsOf(base({ memoryMb: "512" }), "memoryMb"), [
    "Invalid memory size: 512 MiB (minimum 128 MiB)",
  ]);
  assertEquals(errorsOf(base({ memoryMb: 512.5 }), "memoryMb"), [
    "Invalid memory size: 512.5 MiB (minimum 128 MiB)",
  ]);
  assertEquals(errorsOf(base({ memoryMb: 128 }), "memoryMb", facts()), []);
});

Deno.test("vm_config - refuses memory above 90% of the host's", () => {
  // 16384 MiB host: 90% is 14745 MiB = 14.4 GiB.
  const f = facts();
  assertEquals(f.maxMemoryMb, 14745);
  assertEquals(gbText(f.maxMemoryMb / 1024), "14.4 GiB");
  assertEquals(errorsOf(base({ memoryMb: 32768 }), "memoryMb", f), [
    "Memory exceeds available host memory (requested: 32 GiB, available: 14.3 GiB)",
  ]);
  assertEquals(errorsOf(base({ memoryMb: 14746 }), "memoryMb", f), [
    "Memory exceeds available host memory (requested: 14.4 GiB, available: 14.3 GiB)",
  ]);
  assertEquals(errorsOf(base({ memoryMb: 14745 }), "memoryMb", f), []);
  // The contract's own example: a 16 GiB ceiling.
  assertEquals(
    errorsOf(base({ memoryMb: 32768 }), "memoryMb", facts({ maxMemoryMb: 16384 })),
    ["Memory exceeds available host memory (requested: 32 GiB, available: 16 GiB)"],
  );
});

Deno.test("vm_config - refuses a disk under 1 GiB", () => {
  for (const diskSizeGb of [0, 0.5, -1, "10", null, undefined]) {
    assertEquals(
      errorsOf(base({ diskSizeGb }), "diskSizeGb", facts()),
      [`Invalid disk size: ${diskSizeGb} GiB (minimum 1 GiB)`],
      String(diskSizeGb),
    );
  }
  assertEquals(errorsOf(base({ diskSizeGb: 0 }), "diskSizeGb"), [
    "Invalid disk size: 0 GiB (minimum 1 GiB)",
  ]);
  assertEquals(errorsOf(base({ diskSizeGb: 1 }), "diskSizeGb", facts()), []);
});

Deno.test("vm_config - refuses a disk larger than the pool's free space", () => {
  assertEquals(errorsOf(base({ diskSizeGb: 500 }), "diskSizeGb", facts()), [
    "Disk size exceeds storage pool capacity (requested: 500 GiB, available: 250 GiB); allow over-commit to make a thin disk larger than the free space",
  ]);
  assertEquals(errorsOf(base({ diskSizeGb: 250 }), "diskSizeGb", facts()), []);
  // Over-commit allowed: made thin, with the risk said as a warning; the flag is not kept.
  const allowed = validateVmConfig(base({ diskSizeGb: 500, allowOvercommit: true }), facts());
  assertEquals(allowed.errors, []);
  assertEquals(allowed.warnings.map((w) => [w.field, w.message]), [[
    "diskSizeGb",
    "Over-committed: the disk may grow to 500 GiB, the pool has 250 GiB free. When the pool fills, the VM is paused until space is freed.",
  ]]);
  assertEquals("allowOvercommit" in allowed.config!, false);
  // Without facts the pool's space is unknown.
  assertEquals(errorsOf(base({ diskSizeGb: 500 }), "diskSizeGb"), []);
});

Deno.test("vm_config - free space below a GiB is said in MiB, not as 0 GiB", () => {
  assertEquals(spaceText(4.8 * 1024 ** 2), "4.8 MiB");
  assertEquals(spaceText(1023.99 * 1024 ** 2), "1023.9 MiB");
  assertEquals(spaceText(99.96 * 1024 ** 3), "99.9 GiB");
});

Deno.test("vm_config - an imported disk skips the disk size rules", () => {
  for (const diskSizeGb of [0, 5000, undefined]) {
    const r = validateVmConfig(
      base({ diskSizeGb, importDiskPath: "/var/lib/libvirt/images/old.qcow2" }),
      facts(),
    );
    assertEquals(r.errors, [], String(diskSizeGb));
  }
  // An empty import path is no import.
  assertEquals(errorsOf(base({ diskSizeGb: 0, importDiskPath: "" }), "diskSizeGb"), [
    "Invalid disk size: 0 GiB (minimum 1 GiB)",
  ]);
  assertEquals(errorsOf(base({ importDiskPath: "old.qcow2" }), "importDiskPath"), [
    "Disk image not found: old.qcow2",
  ]);
  assertEquals(errorsOf(base({ importDiskPath: "/x/a\nb.qcow2" }), "importDiskPath"), [
    "Disk image not found: /x/a\nb.qcow2",
  ]);
});

Deno.test("vm_config - refuses an unknown network and allows none", () => {
  assertEquals(errorsOf(base({ network: "x" }), "network", facts()), ["Network not found: x"]);
  assertEquals(errorsOf(base({ network: "lan" }), "network", facts()), []);
  assertEquals(errorsOf(base({ network: "" }), "network", facts()), []);
  assertEquals(errorsOf(base({ network: 5 }), "network", facts()), ["Network not found: 5"]);
  assertEquals(errorsOf(base({ network: undefined }), "network"), [
    "Network not found: undefined",
  ]);
  // Without facts any name passes: libvirt is the judge.
  assertEquals(errorsOf(base({ network: "x" }), "network"), []);
});

Deno.test("vm_config - refuses disk formats other than qcow2 and raw", () => {
  assertEquals(errorsOf(base({ diskFormat: "vmdk" }), "diskFormat"), [
    "Invalid disk format: vmdk (must be qcow2 or raw)",
  ]);
  assertEquals(errorsOf(base({ diskFormat: "QCOW2" }), "diskFormat"), [
    "Invalid disk format: QCOW2 (must be qcow2 or raw)",
  ]);
  assertEquals(errorsOf(base({ diskFormat: "raw" }), "diskFormat"), []);
  assertEquals(errorsOf(base({ diskBus: "ide" }), "diskBus"), [
    "Invalid disk bus: ide (must be virtio, scsi or sata)",
  ]);
});

Deno.test("vm_config - refuses a relative or control-character ISO path", () => {
  assertEquals(errorsOf(base({ isoPath: "ubuntu.iso" }), "isoPath"), [
    "ISO file not found: ubuntu.iso",
  ]);
  assertEquals(errorsOf(base({ isoPath: "../../etc/shadow" }), "isoPath"), [
    "ISO file not found: ../../etc/shadow",
  ]);
  assertEquals(errorsOf(base({ isoPath: "/isos/a\u0001.iso" }), "isoPath"), [
    "ISO file not found: /isos/a\u0001.iso",
  ]);
  assertEquals(errorsOf(base({ isoPath: "/isos/ubuntu.iso" }), "isoPath"), []);
  assertEquals(errorsOf(base({ isoPath: "" }), "isoPath"), []);
});

Deno.test("vm_config - refuses an unknown pool and an inactive one", () => {
  assertEquals(errorsOf(base({ storagePool: "nope" }), "storagePool", facts()), [
    "Storage pool not found: nope",
  ]);
  assertEquals(errorsOf(base({ storagePool: "idle" }), "storagePool", facts()), [
    "Storage pool is not active: idle",
  ]);
  assertEquals(errorsOf(base({ storagePool: "nope" }), "storagePool"), []);
});

Deno.test("vm_config - refuses Secure Boot without UEFI", () => {
  assertEquals(errorsOf(base({ secureBoot: true }), "secureBoot"), [
    "Secure Boot needs UEFI firmware",
  ]);
  assertEquals(errorsOf(base({ secureBoot: true, firmware: "bios" }), "secureBoot"), [
    "Secure Boot needs UEFI firmware",
  ]);
  assertEquals(errorsOf(base({ secureBoot: true, firmware: "uefi" }), "secureBoot", facts()), []);
  assertEquals(errorsOf(base({ secureBoot: false }), "secureBoot"), []);
});

Deno.test("vm_config - refuses firmware and TPM the host does not have", () => {
  const none = facts({ uefiAvailable: false, secureBootAvailable: false, tpmAvailable: false });
  assertEquals(errorsOf(base({ firmware: "uefi" }), "firmware", none), [
    "UEFI firmware is not installed on the host (Debian package ovmf)",
  ]);
  assertEquals(
    errorsOf(
      base({ firmware: "uefi", secureBoot: true }),
      "secureBoot",
      facts({
        secureBootAvailable: false,
      }),
    ),
    ["Secure Boot firmware is not installed on the host (Debian package ovmf)"],
  );
  assertEquals(errorsOf(base({ tpm: true }), "tpm", none), [
    "TPM emulation is not available on the host (Debian package swtpm)",
  ]);
  assertEquals(errorsOf(base({ firmware: "coreboot" }), "firmware"), [
    "Invalid firmware: coreboot (must be bios or uefi)",
  ]);
  assertEquals(errorsOf(base({ tpm: "yes" }), "tpm"), ["TPM must be on or off (true or false)"]);
  // Unknown availability (no facts, or facts without the flags) is not a refusal.
  const r = validateVmConfig(base({ firmware: "uefi", secureBoot: true, tpm: true }));
  assertEquals(r.errors, []);
  const partial = facts();
  delete partial.uefiAvailable;
  delete partial.secureBootAvailable;
  delete partial.tpmAvailable;
  assertEquals(
    validateVmConfig(base({ firmware: "uefi", secureBoot: true, tpm: true }), partial).errors,
    [],
  );
});

Deno.test("vm_config - passes cloud-init issues through under cloudInit.*", () => {
  const r = validateVmConfig(
    base({ cloudInit: { user: "root", hostname: "bad_host!" } }),
    facts(),
  );
  assertEquals(r.errors.map((e) => e.field).sort(), ["cloudInit.hostname", "cloudInit.user"]);
  assertEquals(
    r.errors.find((e) => e.field === "cloudInit.hostname")?.message,
    "Invalid hostname: bad_host!",
  );
  assertEquals(errorsOf(base({ cloudInit: "yes" }), "cloudInit"), [
    "Cloud-init settings must be a JSON object",
  ]);
  assertEquals(errorsOf(base({ cloudInit: [] }), "cloudInit"), [
    "Cloud-init settings must be a JSON object",
  ]);
  const ok = validateVmConfig(base({ cloudInit: { user: "dev", hostname: "dev" } }), facts());
  assertEquals(ok.errors, []);
  assertEquals(ok.config?.cloudInit, { user: "dev", hostname: "dev" });
});

Deno.test("vm_config - checks the other fields' types", () => {
  assertEquals(errorsOf(base({ osType: "macos" }), "osType"), [
    "Invalid OS type: macos (must be linux, windows or other)",
  ]);
  assertEquals(errorsOf(base({ osVariant: "../x" }), "osVariant"), ["Invalid OS variant: ../x"]);
  assertEquals(errorsOf(base({ osVariant: "" }), "osVariant"), []);
  assertEquals(errorsOf(base({ bootMenu: "true" }), "bootMenu"), [
    "Boot menu must be on or off (true or false)",
  ]);
  assertEquals(errorsOf(base({ description: "x".repeat(4097) }), "description"), [
    "Description must be text of at most 4096 characters",
  ]);
  assertEquals(errorsOf(base({ virtType: "xen" }), "virtType"), [
    "Invalid virtualization type: xen (must be kvm or qemu)",
  ]);
  assertEquals(
    errorsOf(base({ directKernel: { kernelPath: "vmlinuz" } }), "directKernel.kernelPath"),
    [
      "Kernel not found: vmlinuz",
    ],
  );
  assertEquals(
    errorsOf(base({ directKernel: { kernelPath: "/k", cmdline: "a\nb" } }), "directKernel.cmdline"),
    ["Kernel command line must be one line of at most 2048 characters"],
  );
});

Deno.test("vm_config - a non-object request is one error", () => {
  for (const input of [null, "vm", 3, [], undefined]) {
    assertEquals(validateVmConfig(input, facts()), {
      errors: [{ field: "", message: "VM configuration must be a JSON object" }],
      warnings: [],
    });
  }
});

Deno.test("vm_config - every broken field is reported at once", () => {
  const r = validateVmConfig(
    {
      name: "1x",
      cpuCount: 0,
      memoryMb: 127,
      diskSizeGb: 0,
      osType: "linux",
      network: "x",
      diskFormat: "vmdk",
      bootMenu: false,
      isoPath: "a.iso",
    },
    facts(),
  );
  assertEquals(only(r.errors), [
    ["name", "Invalid VM name: cannot start with a number"],
    ["cpuCount", "Invalid CPU count: 0 (must be 1-256)"],
    ["memoryMb", "Invalid memory size: 127 MiB (minimum 128 MiB)"],
    ["diskFormat", "Invalid disk format: vmdk (must be qcow2 or raw)"],
    ["diskSizeGb", "Invalid disk size: 0 GiB (minimum 1 GiB)"],
    ["isoPath", "ISO file not found: a.iso"],
    ["network", "Network not found: x"],
  ]);
});

Deno.test("vm_config - without facts only the static rules are checked", () => {
  // Taken name, CPUs above any host, huge memory and disk, unknown pool and network,
  // UEFI + Secure Boot + TPM: nothing here can be judged without the host.
  const r = validateVmConfig(
    base({
      name: "web",
      cpuCount: 256,
      memoryMb: 4 * 1024 * 1024,
      diskSizeGb: 100000,
      storagePool: "elsewhere",
      network: "nowhere",
      firmware: "uefi",
      secureBoot: true,
      tpm: true,
    }),
  );
  assertEquals(r.errors, []);
  assertEquals(r.warnings, []);
  assertEquals(r.config?.storagePool, "elsewhere");
  // The static rules still hold.
  assertEquals(only(validateVmConfig(base({ name: "1web", memoryMb: 64 })).errors), [
    ["name", "Invalid VM name: cannot start with a number"],
    ["memoryMb", "Invalid memory size: 64 MiB (minimum 128 MiB)"],
  ]);
});
