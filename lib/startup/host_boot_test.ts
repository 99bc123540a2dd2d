// Whether the host booted since the last run: the kernel's boot id, else /proc/stat's btime,
// against the one kept in the store.

import { assertEquals } from "../../tests/support/assert.ts";
import { openStore } from "../store.ts";
import { bootKind, currentBootId, lastBootId, recordBootId } from "./host_boot.ts";

Deno.test("host boot - the boot id, else the boot time, else none", () => {
  const files = (map: Record<string, string>) => (path: string) => {
    if (path in map) return map[path];
    throw new Deno.errors.NotFound(path);
  };
  assertEquals(
    currentBootId(files({ "/proc/sys/kernel/random/boot_id": "6f1c\n", "/proc/stat": "btime 5" })),
    "6f1c",
  );
  assertEquals(
    currentBootId(files({ "/proc/stat": "cpu 1 2\nbtime 1764115200\n" })),
    "btime:1764115200",
  );
  assertEquals(currentBootId(files({})), null);
});

Deno.test("host boot - first run, same boot and a new boot", () => {
  using store = openStore(null);
  assertEquals(bootKind(store, null), "unknown");
  assertEquals(bootKind(store, "a"), "first");
  recordBootId(store, "a");
  assertEquals(lastBootId(store), "a");
  assertEquals(bootKind(store, "a"), "same");
  assertEquals(bootKind(store, "b"), "boot");
});
