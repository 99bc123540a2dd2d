// The wizard's default pool (the ISO's, else the last used, else default, else the first
// active) and network (default when active, else the first active, else none).

import { assertEquals } from "../../tests/support/assert.ts";
import type { PoolSummary, VolumeSummary } from "../../shared/storage.ts";
import { defaultNetwork, defaultPool } from "./defaults.ts";

const pool = (name: string, active = true): PoolSummary => ({
  name,
  active,
  capacityBytes: 0,
  allocationBytes: 0,
  availableBytes: 0,
  path: `/srv/${name}`,
});

const iso = (poolName: string, name: string): VolumeSummary => ({
  name,
  path: `/srv/${poolName}/${name}`,
  pool: poolName,
  capacityBytes: 1,
  allocationBytes: 1,
  format: "raw",
});

// Sorted by name, as the host lists them: "archive" first, inactive "backup" before "default".
const pools = [pool("archive"), pool("backup", false), pool("default"), pool("fast")];
const isos = [iso("fast", "debian.iso"), iso("backup", "old.iso")];

Deno.test("wizard defaults - the pool is the ISO's, else the last used, else default, else the first active", () => {
  assertEquals(defaultPool({ pools, isos }), "default");
  assertEquals(defaultPool({ pools, isos }, { isoPath: "/srv/fast/debian.iso" }), "fast");
  assertEquals(defaultPool({ pools, isos }, { lastPool: "archive" }), "archive");
  assertEquals(
    defaultPool({ pools, isos }, { isoPath: "/srv/fast/debian.iso", lastPool: "archive" }),
    "fast",
  );
  // An inactive pool is never the default: not the ISO's, not the last used.
  assertEquals(defaultPool({ pools, isos }, { isoPath: "/srv/backup/old.iso" }), "default");
  assertEquals(defaultPool({ pools, isos }, { lastPool: "backup" }), "default");
  assertEquals(defaultPool({ pools, isos }, { lastPool: "gone" }), "default");
  const noDefault = [pool("archive", false), pool("zeta"), pool("beta")];
  assertEquals(defaultPool({ pools: noDefault, isos: [] }), "zeta");
  assertEquals(defaultPool({ pools: [pool("off", false)], isos: [] }), "off");
  assertEquals(defaultPool({ pools: [], isos: [] }), "default");
});

Deno.test("wizard defaults - the network is default when active, else the first active, never an inactive one", () => {
  const net = (name: string, active = true) => ({ name, active });
  assertEquals(defaultNetwork({ networks: [net("lan"), net("default")] }), "default");
  assertEquals(defaultNetwork({ networks: [net("default", false), net("lan")] }), "lan");
  assertEquals(defaultNetwork({ networks: [net("default", false), net("lan", false)] }), "");
  assertEquals(defaultNetwork({ networks: [] }), "");
});
