import { assertEquals } from "../../tests/support/assert.ts";
import { BATCH_LIMIT, batchRefusal } from "./batch.ts";

Deno.test("vm list - a batch the API would refuse is refused first, in the user's words", () => {
  assertEquals(batchRefusal(0), "Select the VMs to act on first.");
  assertEquals(batchRefusal(3), null);
  assertEquals(batchRefusal(BATCH_LIMIT), null);
  assertEquals(
    batchRefusal(BATCH_LIMIT + 1),
    `Select at most ${BATCH_LIMIT} VMs for one batch action (${BATCH_LIMIT + 1} are selected).`,
  );
});
