// The bundle build's inputs come from the import graph of the island entries: every lib/
// module the browser code imports is one, so editing it rebuilds the bundles.

import { join } from "node:path";
import { assert } from "../tests/support/assert.ts";
import { bundleInputs, listEntries } from "./build.ts";

const ROOT = join(import.meta.dirname!, "..");

Deno.test("build - every shared module the islands import is an input of the bundles", async () => {
  const inputs = await bundleInputs(await listEntries());
  // Five that a hand-kept list once missed (stale bundles were served after editing them).
  for (
    const file of [
      "shared/zoned_time.ts",
      "shared/backups.ts",
      "shared/snapshots.ts",
      "shared/auth.ts",
      "shared/scheduler.ts",
      "shared/vm_config.ts",
      "shared/names.ts",
      "components/format.ts",
    ]
  ) {
    assert(inputs.has(join(ROOT, file)), `${file} is not among the bundle inputs`);
  }
  // Only local files the bundles really hold: type-only imports (erased) pull in no server code.
  for (const file of inputs) assert(file.startsWith(ROOT), file);
  assert(![...inputs].some((f) => f.includes("/ffi/")), "no FFI code in the browser bundles");
  assert(!inputs.has(join(ROOT, "lib/vms/edit.ts")), "a type-only import is not an input");
});
