// A restic run's stdout read whole is bounded: a repository written off this host cannot make
// the server hold an answer of any size (a stand-in program prints without end).

import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { runRestic, STDOUT_MAX } from "./run.ts";

Deno.test("restic run - stdout past the bound stops the child with a clear error", async () => {
  // A child that prints without end: the run can only end by stopping it, never by reading
  // everything (a run that waited for its end would hang till the test's deadline).
  const err = await assertRejects(
    () => runRestic("offsite", { program: "cat", args: ["/dev/zero"], env: {} }),
    AppError,
  );
  assertEquals(err.code, "RESTIC_FAILED");
  assert(err.message.includes("offsite"), err.message);
  assert(err.message.includes(`${STDOUT_MAX / 1024 / 1024} MiB`), err.message);
  // Under the bound, the whole answer comes back.
  const small = await runRestic("offsite", { program: "printf", args: ["%s", "[1,2]"], env: {} });
  assertEquals(small, "[1,2]");
});

Deno.test("restic run - onLine gets each line once, whole, however the chunks cut them", async () => {
  const lines: string[] = [];
  // Three writes that cut a line in the middle, an empty line, and a last line with no newline.
  const script =
    "printf '{\"a\":'; sleep 0.1; printf '1}\\n\\n{\"b\":2}\\n{\"c\"'; sleep 0.1; printf ':3}'";
  const out = await runRestic("offsite", { program: "sh", args: ["-c", script], env: {} }, {
    onLine: (l) => lines.push(l),
  });
  assertEquals(lines, ['{"a":1}', "", '{"b":2}', '{"c":3}']);
  assertEquals(out, '{"a":1}\n\n{"b":2}\n{"c":3}');
});
