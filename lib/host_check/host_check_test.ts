// The host check's verdicts from facts (pure), the /dev/kvm probe on a file that is not KVM, and
// the demo driver's answer through the real test driver.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { hostCheckLines, libvirtItems, type MachineFacts, machineItems } from "./host_check.ts";
import { probeKvm } from "../../ffi/libc/kvm.ts";
import { createContext } from "../compose.ts";
import { FEATURES } from "../../routes/features.ts";
import { openStore } from "../store.ts";

const GOOD: MachineFacts = {
  cpuinfo: "processor\t: 0\nflags\t\t: fpu vme vmx sse2\n",
  kvmDevice: true,
  kvmRun: { ok: true },
  iommuGroups: 12,
  cgroupControllers: ["cpuset", "cpu", "io", "memory", "pids"],
};

const status = (items: { id: string; status: string }[]) =>
  Object.fromEntries(items.map((i) => [i.id, i.status]));

Deno.test("host check - a good machine passes every machine check", () => {
  assertEquals(status(machineItems(GOOD)), {
    "cpu-virt": "pass",
    "kvm-device": "pass",
    "kvm-run": "pass",
    iommu: "pass",
    cgroups: "pass",
  });
});

Deno.test("host check - no vmx/svm, a guest that does not run, no IOMMU, no memory cgroup", () => {
  const items = machineItems({
    cpuinfo: "flags\t\t: fpu sse2 hypervisor\n",
    kvmDevice: true,
    kvmRun: { ok: false, step: "KVM_CREATE_VM" },
    iommuGroups: 0,
    cgroupControllers: ["cpu"],
  });
  assertEquals(status(items), {
    "cpu-virt": "fail",
    "kvm-device": "pass",
    "kvm-run": "fail",
    iommu: "warn",
    cgroups: "warn",
  });
  const run = items.find((i) => i.id === "kvm-run")!;
  assertMatch(run.detail, /KVM_CREATE_VM failed/);
  assert(items.every((i) => i.status === "pass" || i.fix), "every problem says what to do");
  assertMatch(items.find((i) => i.id === "cgroups")!.detail, /memory/);
});

Deno.test("host check - no /dev/kvm: one failure, no probe", () => {
  const items = machineItems({ ...GOOD, kvmDevice: false, kvmRun: { ok: false, step: "open" } });
  assertEquals(status(items)["kvm-device"], "fail");
  assertEquals(status(items)["kvm-run"], undefined);
});

Deno.test("host check - libvirt's facts: KVM offered, UEFI, default network and pool", () => {
  const good = libvirtItems({
    kvmOffered: true,
    uefiAvailable: true,
    network: "active",
    pool: "active",
  });
  assert(good.every((i) => i.status === "pass"));
  const bad = libvirtItems({
    kvmOffered: false,
    uefiAvailable: false,
    network: "inactive",
    pool: "absent",
  });
  assertEquals(status(bad), { "kvm-libvirt": "fail", uefi: "warn", network: "warn", pool: "warn" });
  assertMatch(bad.find((i) => i.id === "network")!.detail, /not started/);
  assertMatch(bad.find((i) => i.id === "pool")!.detail, /not defined/);
});

Deno.test("host check - the start-up log names the verdict and each problem with its fix", () => {
  const items = machineItems({ ...GOOD, cpuinfo: "flags : sse2\n" });
  const lines = hostCheckLines({
    kvmUsable: false,
    kvmReason: "Hardware virtualisation: none",
    local: true,
    items,
  });
  assertEquals(
    lines[0],
    "Host check: new VMs run in software emulation (Hardware virtualisation: none).",
  );
  assertEquals(lines.length, 2);
  assertMatch(lines[1], /^Host check FAIL Hardware virtualisation: .*firmware/);
  assertEquals(hostCheckLines({ kvmUsable: false, kvmReason: "x", local: false, items: [] }), []);
});

Deno.test("host check - the /dev/kvm probe refuses a file that is not KVM, naming the step", async () => {
  assertEquals(await probeKvm("/dev/null"), { ok: false, step: "KVM_GET_API_VERSION" });
  assertEquals(await probeKvm("/nonexistent/kvm"), { ok: false, step: "open" });
});

Deno.test("host check - the demo driver: no items, software emulation named", async () => {
  const { ctx, client, close } = createContext({
    uri: "test:///default",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: "/nonexistent",
  }, { features: FEATURES, store: openStore(null) });
  try {
    await client.connect();
    const check = await ctx.vms.hostCheck();
    assertEquals([check.kvmUsable, check.local, check.items], [false, false, []]);
    assertMatch(check.kvmReason!, /demo/);
  } finally {
    await close();
  }
});
