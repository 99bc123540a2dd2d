import { assertEquals } from "../tests/support/assert.ts";
import { withoutRepeats } from "./ErrorPage.tsx";

Deno.test("ErrorPage - a phrase said twice in a row reads once", () => {
  assertEquals(
    withoutRepeats(
      "Storage pool not found: Storage pool not found: no storage pool with matching name 'x'",
    ),
    "Storage pool not found: no storage pool with matching name 'x'",
  );
  assertEquals(withoutRepeats("VM not found: nope"), "VM not found: nope");
  assertEquals(withoutRepeats("a: b: a"), "a: b: a");
});
