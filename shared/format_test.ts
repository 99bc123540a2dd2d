import { assertEquals } from "../tests/support/assert.ts";
import { binaryScaled, formatBytes } from "./format.ts";

Deno.test("format - binaryScaled steps up by 1024 from `below` on, up to the last unit", () => {
  assertEquals(binaryScaled(1023, 5), { value: 1023, unit: 0 });
  assertEquals(binaryScaled(1536, 5), { value: 1.5, unit: 1 });
  // The CLI's rates step up from 1000, so "1000" is written "1.0K" and fits four characters.
  assertEquals(binaryScaled(1000, 5, 1000), { value: 1000 / 1024, unit: 1 });
  // Past the last unit the number grows instead.
  assertEquals(binaryScaled(1024 ** 3, 2), { value: 1024 ** 2, unit: 1 });
});

Deno.test("format - formatBytes writes the scaled number with its binary unit", () => {
  assertEquals(formatBytes(1536), "1.50 KiB");
  assertEquals(formatBytes(-3 * 1024 ** 3), "-3 GiB");
  assertEquals(formatBytes(null), "—");
});
