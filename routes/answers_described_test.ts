// Every operation of the OpenAPI document says what it answers: a JSON schema (routes/api/
// answers/), a media type for bytes, or no body (204, a WebSocket's 101). The answers the suite
// receives are checked against those schemas as they come (routes/answer_check.ts).

import { assertEquals } from "../tests/support/assert.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import { createApp } from "./app.ts";
import { openApiDocument } from "./openapi.ts";

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** "GET /api/vms" for each operation with a success status that has a body but no schema. */
async function undescribed(): Promise<string[]> {
  let found: string[] = [];
  await withTestApp(async ({ ctx }) => {
    const doc = await openApiDocument(createApp(ctx));
    found = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).filter(([, op]) =>
        Object.entries(op.responses).some(([status, r]) =>
          /^2/.test(status) && status !== "204" && !r.content
        )
      ).map(([method]) => `${method.toUpperCase()} ${path}`)
    );
  });
  return found.sort();
}

Deno.test("answers described - every operation's success answer has a schema, a media type or no body", async () => {
  assertEquals(
    await undescribed(),
    [],
    "operations that answer words only: declare each one's `answer` (routes/api/answers/)",
  );
});
