import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { initialState, type TopState, withVms } from "./model.ts";
import { frame, rate } from "./screen.ts";

const HOST = {
  info: {
    hostname: "lab1",
    cpuModel: "x",
    cpuCount: 8,
    cpuThreads: 16,
    memoryTotalMb: 32768,
    memoryFreeMb: 16384,
    memoryAvailableMb: 16384,
    libvirtVersion: "9.0.0",
    qemuVersion: "7.2.0",
    hypervisor: "QEMU",
    activeVms: 1,
    totalVms: 2,
  },
  cpuPercent: 12.5,
};

const many = (n: number): VmSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`,
    name: `vm-${String(i).padStart(3, "0")}-with-a-rather-long-name-for-the-column`,
    state: i % 2 ? "running" : "stopped",
    cpuCount: 2,
    memoryMb: 1536,
    ...(i % 2
      ? { cpuPercent: 3.25, diskReadBps: 1500, diskWriteBps: 3 * 1024 ** 2, netRxBps: 0 }
      : {}),
  }));

const state = (vms: VmSummary[], extra: Partial<TopState> = {}): TopState => ({
  ...withVms(initialState(), vms),
  host: HOST,
  live: true,
  ...extra,
});

const NOON = new Date(2026, 10, 25, 12, 0, 0);

Deno.test("top screen - byte rates in a few characters", () => {
  assertEquals([
    rate(undefined),
    rate(0),
    rate(512),
    rate(1500),
    rate(12 * 1024),
    rate(1.5 * 1024 ** 2),
  ], [
    "-",
    "0",
    "512",
    "1.5K",
    "12K",
    "1.5M",
  ]);
});

Deno.test("top screen - exactly the terminal's size at 80×24 and larger, never wider", () => {
  for (const [w, h] of [[80, 24], [100, 30], [200, 60]]) {
    const lines = frame(state(many(200)), w, h, NOON);
    assertEquals(lines.length, h);
    for (const line of lines) assert([...line.text].length <= w, `${w}: ${line.text}`);
  }
  // Smaller terminals are laid out as 80×24 (the terminal library cuts what does not fit).
  assertEquals(frame(state(many(3)), 40, 10, NOON).length, 24);
});

Deno.test("top screen - the host line, the sorted header, the rows and the footer", () => {
  const lines = frame(state(many(3)), 100, 24, NOON);
  assertMatch(lines[0].text, /^lab1 · QEMU · CPU 12\.5% of 16 threads · memory 16\.0\/32\.0 GiB/);
  assertMatch(lines[1].text, /^3 VMs: 2 stopped, 1 running · live · 12:00:00/);
  assertEquals(lines[2].style, "header");
  assertMatch(
    lines[2].text,
    /^NAME▲ .* STATE .* ADDRESS .* CPU% .* MEM .* DISK R\/W .* NET RX\/TX$/,
  );
  const running = lines.find((l) => l.text.startsWith("vm-001"))!;
  assertMatch(running.text, /running .* 3\.3 +1\.5G +1\.5K\/3\.0M +0\/-$/);
  assertEquals(lines[3].style, "selected");
  assertEquals([...lines[3].text].length, 100, "the selected row's highlight runs across");
  assertMatch(lines.at(-1)!.text, /\? help/);
  // Under 100 columns there is no ADDRESS column.
  assert(!frame(state(many(3)), 80, 24, NOON)[2].text.includes("ADDRESS"));
});

Deno.test("top screen - the window scrolls to keep the selection on screen", () => {
  const vms = many(100);
  const lines = frame(state(vms, { selectedId: "id-99" }), 80, 24, NOON);
  const selected = lines.filter((l) => l.style === "selected");
  assertEquals(selected.length, 1);
  assert(selected[0].text.startsWith("vm-099"));
  assertEquals(lines.at(-2)!.style, "selected", "the last row, not further");
});

Deno.test("top screen - empty, filtered, confirming, refusing and not answering say so", () => {
  assert(frame(state([]), 80, 24, NOON).some((l) => l.text === "No VMs on this host."));
  const filtered = frame(state(many(3), { filter: "zzz" }), 80, 24, NOON);
  assert(filtered.some((l) => l.text === "No VM matches the filter."));
  assertMatch(filtered.at(-1)!.text, /^filter "zzz": 0 of 3 · /);
  const confirm = frame(
    state(many(3), { confirm: { action: "stop", vm: { id: "id-1", name: "vm-1" } } }),
    80,
    24,
    NOON,
  );
  assertEquals(confirm.at(-1), {
    text: "Shut down vm-1? y to confirm, any other key cancels",
    style: "alert",
  });
  const down = frame(state(many(3), { error: "cannot reach the server" }), 80, 24, NOON);
  assertEquals(down[1].style, "alert");
  assertMatch(down[1].text, /not answering: cannot reach the server/);
  const first = frame({ ...initialState(), error: null }, 80, 24, NOON);
  assertMatch(first[0].text, /connecting…/);
  const help = frame(state(many(3), { help: true }), 80, 24, NOON);
  assertEquals(help[0].text, "kvm-manager top: keys");
  assertEquals(help.length, 24);
});
