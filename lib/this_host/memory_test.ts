// The host's memory figures: the kernel's own on this machine, libvirt's elsewhere.

import { assertEquals } from "../../tests/support/assert.ts";
import { memoryFigures, parseMeminfo, readMeminfo } from "./memory.ts";

const MEMINFO = `MemTotal:       24683520 kB
MemFree:        21504000 kB
MemAvailable:   23862272 kB
Buffers:          102400 kB
Cached:          2355200 kB
`;

Deno.test("memory - MemTotal and MemAvailable read from /proc/meminfo's text", () => {
  assertEquals(parseMeminfo(MEMINFO), { totalKiB: 24683520, availableKiB: 23862272 });
  assertEquals(parseMeminfo("MemTotal: 1 kB\n"), null, "no MemAvailable: no figures");
});

Deno.test("memory - this machine's figures win; else libvirt's total and free + reclaimable", () => {
  const libvirt = { totalKiB: 16 * 1024 ** 2, freeKiB: 4 * 1024 ** 2, reclaimableKiB: 1024 ** 2 };
  const local = { totalKiB: 24683520, availableKiB: 23862272 };
  assertEquals(memoryFigures(libvirt, local), local);
  assertEquals(memoryFigures(libvirt, null), {
    totalKiB: 16 * 1024 ** 2,
    availableKiB: 5 * 1024 ** 2,
  });
  // Counters read at different moments never make more available than there is.
  assertEquals(
    memoryFigures({ ...libvirt, freeKiB: libvirt.totalKiB }, null).availableKiB,
    libvirt.totalKiB,
  );
});

Deno.test("memory - this machine's /proc/meminfo reads; a missing file gives null", () => {
  const here = readMeminfo();
  assertEquals(typeof here?.totalKiB, "number");
  assertEquals(here!.availableKiB <= here!.totalKiB, true);
  assertEquals(readMeminfo("/nonexistent/meminfo"), null);
});
