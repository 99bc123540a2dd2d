import { assertEquals } from "../tests/support/assert.ts";
import { DISK_SIZE, MEMORY_SIZE, parseSize, sizeText } from "./units.ts";

const value = (text: string, rules = MEMORY_SIZE) => {
  const r = parseSize(text, rules);
  return r.ok ? r.value : r.message;
};

Deno.test("units - memory reads a bare number as MiB and any unit into MiB", () => {
  assertEquals(value("2048"), 2048);
  assertEquals(value("2 GiB"), 2048);
  assertEquals(value("2G"), 2048);
  assertEquals(value("2gb"), 2048);
  assertEquals(value("512 MiB"), 512);
  assertEquals(value(" 512M "), 512);
  assertEquals(value("1.5 GiB"), 1536);
  assertEquals(value(".5 GiB"), 512);
  assertEquals(value("1 TiB"), 1024 * 1024);
  assertEquals(value("1048576 KiB"), 1024);
});

Deno.test("units - disk sizes read a bare number as GiB", () => {
  assertEquals(value("20", DISK_SIZE), 20);
  assertEquals(value("20 GiB", DISK_SIZE), 20);
  assertEquals(value("1 TiB", DISK_SIZE), 1024);
  assertEquals(value("2048 MiB", DISK_SIZE), 2);
});

Deno.test("units - refuses an unknown unit, naming the ones it knows", () => {
  assertEquals(value("2 XB"), 'Unknown unit "XB": use KiB, MiB, GiB or TiB (a bare number is MiB)');
  assertEquals(
    value("20 bytes", DISK_SIZE),
    'Unknown unit "bytes": use KiB, MiB, GiB or TiB (a bare number is GiB)',
  );
});

Deno.test("units - refuses what is not a size, and empty text", () => {
  assertEquals(value("lots"), "Memory must be a size such as 2 GiB, 512 MiB or 2048");
  assertEquals(value("-1 GiB"), "Memory must be a size such as 2 GiB, 512 MiB or 2048");
  assertEquals(value("1,5 GiB"), "Memory must be a size such as 2 GiB, 512 MiB or 2048");
  assertEquals(value("2 G iB"), "Memory must be a size such as 2 GiB, 512 MiB or 2048");
  assertEquals(value(""), "Enter the memory, e.g. 2 GiB, 512 MiB or 2048");
  assertEquals(value("", DISK_SIZE), "Enter the disk size, e.g. 20 GiB, 1 TiB or 20");
});

Deno.test("units - a decimal must come to a whole number of the field's unit", () => {
  assertEquals(value("1.25 GiB"), 1280);
  assertEquals(value("1.3 GiB"), "Memory must be a whole number of MiB: 1.3 GiB is 1331.2 MiB");
  assertEquals(value("1.5", DISK_SIZE), "Disk size must be a whole number of GiB: 1.5 is 1.5 GiB");
  assertEquals(
    value("100 MiB", DISK_SIZE),
    "Disk size must be a whole number of GiB: 100 MiB is 0.1 GiB",
  );
  assertEquals(value("128.5"), "Memory must be a whole number of MiB: 128.5 is 128.5 MiB");
});

Deno.test("units - bounds are inclusive and said in the nearest whole unit", () => {
  const rules = { ...MEMORY_SIZE, min: 128, max: 4096 };
  assertEquals(value("128", rules), 128);
  assertEquals(value("4 GiB", rules), 4096);
  assertEquals(value("127", rules), "Memory must be at least 128 MiB");
  assertEquals(value("4097", rules), "Memory must be at most 4 GiB");
  assertEquals(value("99999999999999 TiB"), "Memory is too large: 99999999999999 TiB");
});

Deno.test("units - sizeText writes the largest unit that stays exact", () => {
  assertEquals(sizeText(1024, "MiB"), "1 GiB");
  assertEquals(sizeText(1536, "MiB"), "1.5 GiB");
  assertEquals(sizeText(65536, "MiB"), "64 GiB");
  assertEquals(sizeText(1000, "MiB"), "1000 MiB");
  assertEquals(sizeText(128, "MiB"), "128 MiB");
  assertEquals(sizeText(20, "GiB"), "20 GiB");
  assertEquals(sizeText(2048, "GiB"), "2 TiB");
  assertEquals(sizeText(0, "GiB"), "0 GiB");
});

Deno.test("units - what sizeText writes, parseSize reads back", () => {
  for (const mib of [128, 512, 1000, 1024, 1536, 4096, 65536, 1280]) {
    assertEquals(value(sizeText(mib, "MiB")), mib);
  }
});
