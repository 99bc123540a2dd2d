import { z } from "zod";
import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import { answerMismatch } from "./answer_check.ts";

const Vm = z.object({
  name: z.string(),
  disks: z.array(z.object({ target: z.string(), sizeBytes: z.number().nullable() })),
  tags: z.record(z.string(), z.string()),
});

Deno.test("answer check - an answer that fits its schema passes, records' keys included", () => {
  const vm = { name: "web", disks: [{ target: "vda", sizeBytes: null }], tags: { role: "db" } };
  assertEquals(answerMismatch(Vm, vm), null);
});

Deno.test("answer check - a wrong type names its field", () => {
  const found = answerMismatch(Vm, { name: "web", disks: [{ target: 1, sizeBytes: 0 }], tags: {} });
  assertMatch(found ?? "", /^disks\.0\.target: /);
});

Deno.test("answer check - a field the schema does not name is a mismatch, however deep", () => {
  assertEquals(
    answerMismatch(Vm, {
      name: "web",
      password: "x",
      disks: [{ target: "vda", sizeBytes: 1, secret: true }],
      tags: {},
    }),
    "not in the schema: password, disks[0].secret",
  );
});
