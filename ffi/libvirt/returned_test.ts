import { assertEquals } from "../../tests/support/assert.ts";
import { intThenU64s } from "./returned.ts";

Deno.test("returned - intThenU64s reads the int, then each 8-byte size after its padding", () => {
  // virStoragePoolInfo as libvirt fills it: state 2 (running), then capacity, allocation, available.
  const buf = new Uint8Array(32);
  const view = new DataView(buf.buffer);
  view.setInt32(0, 2, true);
  view.setInt32(4, -1, true); // padding: never read
  view.setBigUint64(8, 10n * 1024n ** 3n, true);
  view.setBigUint64(16, 4096n, true);
  view.setBigUint64(24, 2n ** 53n, true);
  assertEquals(intThenU64s(buf, 3), [2, 10 * 1024 ** 3, 4096, 2 ** 53]);
  assertEquals(intThenU64s(buf, 2), [2, 10 * 1024 ** 3, 4096]);
});
