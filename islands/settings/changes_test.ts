import { assertEquals } from "../../tests/support/assert.ts";
import { changeLines, whenApplied } from "./changes.ts";

Deno.test("changes - a running VM's offline change applies at next boot", () => {
  const changes = [
    { field: "cpuCount", live: true, nextBoot: true },
    { field: "memoryMb", live: false, nextBoot: true },
  ];
  assertEquals(changeLines(changes, true), [
    "vCPUs: applied now",
    "Memory: applies at next boot",
  ]);
});

Deno.test("changes - a stopped VM's change is saved", () => {
  assertEquals(changeLines([{ field: "bootOrder", live: false, nextBoot: true }], false), [
    "Boot order: saved, applies at next start",
  ]);
  assertEquals(whenApplied({ live: true }, false), "applied now");
  assertEquals(changeLines([{ field: "other", live: false, nextBoot: true }], true), [
    "other: applies at next boot",
  ]);
});
