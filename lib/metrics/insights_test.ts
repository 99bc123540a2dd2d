import { assertEquals } from "../../tests/support/assert.ts";
import type { SourceSummary } from "./history_summary.ts";
import { insightsFrom } from "./insights.ts";

function vm(name: string, fields: Partial<SourceSummary>): SourceSummary {
  return {
    uuid: `uuid-${name}`,
    name,
    vcpus: 2,
    hours: 24,
    avgCpu: 40,
    maxCpu: 60,
    avgMemUsedMb: 1000,
    maxMemUsedMb: 1200,
    memTotalMb: 2048,
    avgDisk: 100_000,
    avgNet: 100_000,
    ...fields,
  };
}

const host = (fields: Partial<SourceSummary>) =>
  vm("Host", { uuid: "host", vcpus: 8, avgCpu: 20, memTotalMb: 32_000, ...fields });

const kindsOf = (summaries: SourceSummary[], range: "24h" | "7d" = "24h") =>
  insightsFrom(summaries, range).insights.map((i) =>
    `${i.kind}:${i.vmName ?? "host"}:${i.severity}`
  );

Deno.test("insights - each VM rule fires on its own figures and stays quiet otherwise", () => {
  assertEquals(kindsOf([vm("normal", {})]), []);
  assertEquals(
    kindsOf([vm("idle", { avgCpu: 0.5, maxCpu: 3, avgDisk: 0, avgNet: 200, vcpus: 4 })]),
    ["idle-vm:idle:info"],
  );
  assertEquals(kindsOf([vm("big", { vcpus: 8, avgCpu: 8, maxCpu: 20 })]), [
    "oversized-cpu:big:info",
  ]);
  assertEquals(kindsOf([vm("fat", { memTotalMb: 8192, maxMemUsedMb: 1000, avgMemUsedMb: 800 })]), [
    "oversized-memory:fat:info",
  ]);
  assertEquals(kindsOf([vm("busy", { avgCpu: 85, maxCpu: 100 })]), ["cpu-saturation:busy:warning"]);
  assertEquals(kindsOf([vm("pegged", { avgCpu: 99, maxCpu: 100 })]), [
    "cpu-saturation:pegged:critical",
  ]);
  assertEquals(kindsOf([vm("tight", { avgMemUsedMb: 1900, maxMemUsedMb: 2048 })]), [
    "memory-pressure:tight:warning",
  ]);
  assertEquals(kindsOf([vm("spiky", { avgCpu: 10, maxCpu: 97 })]), ["cpu-spikes:spiky:info"]);
});

Deno.test("insights - the numbers behind a suggestion are in its evidence and words", () => {
  const [i] = insightsFrom([vm("big", { vcpus: 8, avgCpu: 8, maxCpu: 20 })], "24h").insights;
  assertEquals(i.evidence, {
    hours: 24,
    vcpus: 8,
    suggestedVcpus: 3,
    avgCpuPercent: 8,
    maxCpuPercent: 20,
  });
  assertEquals(
    i.detail,
    "CPU never went above 20% of its 8 vCPUs in 24 hours (average 8%). 3 vCPUs would carry that peak.",
  );
});

Deno.test("insights - host-wide: CPU, memory and vCPU overcommit", () => {
  const vms = Array.from({ length: 9 }, (_, n) => vm(`vm${n}`, {}));
  assertEquals(
    kindsOf([host({ avgCpu: 90, avgMemUsedMb: 31_500 }), ...vms]),
    [
      "host-cpu-saturation:host:warning",
      "host-memory-pressure:host:critical",
      "vcpu-overcommit:host:info",
    ],
  );
});

Deno.test("insights - too little history is not judged; critical comes first", () => {
  const young = vm("young", { hours: 5, avgCpu: 99, maxCpu: 100 });
  assertEquals(insightsFrom([young], "24h"), { analyzedVms: 0, insights: [] });
  // 7 days need 42 hours.
  assertEquals(kindsOf([vm("week", { hours: 41, avgCpu: 99 })], "7d"), []);
  assertEquals(
    kindsOf([vm("a", { avgCpu: 10, maxCpu: 97 }), vm("b", { avgCpu: 99, maxCpu: 100 })]),
    ["cpu-saturation:b:critical", "cpu-spikes:a:info"],
  );
});
