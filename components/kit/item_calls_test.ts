import { assertEquals } from "../../tests/support/assert.ts";
import { itemCalls } from "./item_calls.ts";

Deno.test("item calls - list, create, update and delete go to the collection's and item's paths", async () => {
  const sent: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    sent.push(`${init?.method} ${url} ${init?.body ?? ""}`.trim());
    const status = init?.method === "DELETE" ? 204 : 200;
    return Promise.resolve(new Response(status === 204 ? null : '{"id":"r1"}', { status }));
  };
  try {
    const rules = itemCalls<{ id: string }>(() => "/api/rules", (id) => `/api/rules/${id}`);
    await rules.list();
    assertEquals(await rules.create({ name: "a" }), { id: "r1" });
    await rules.update("r1", { name: "b" });
    assertEquals(await rules.remove("r1"), undefined);
  } finally {
    globalThis.fetch = realFetch;
  }
  assertEquals(sent, [
    "GET /api/rules",
    'POST /api/rules {"name":"a"}',
    'PUT /api/rules/r1 {"name":"b"}',
    "DELETE /api/rules/r1",
  ]);
});
