import { assertEquals } from "../tests/support/assert.ts";
import { schemaText, shapeFields } from "./api_schema_text.ts";

Deno.test("api schema text - zod's JSON Schema as one TypeScript-like line", () => {
  assertEquals(
    schemaText({
      type: "object",
      properties: {
        snapshots: { type: "array", items: { $ref: "#/components/schemas/SnapshotInfo" } },
        current: { anyOf: [{ type: "string" }, { type: "null" }] },
        mode: { type: "string", enum: ["full", "incremental"] },
        ok: { type: "boolean", const: true },
        tags: { type: "object", additionalProperties: { type: "string" } },
      },
      required: ["snapshots", "current", "mode"],
    }),
    '{snapshots: SnapshotInfo[], current: string | null, mode: "full" | "incremental", ok?: true, tags?: {[key: string]: string}}',
  );
  assertEquals(
    schemaText({ type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } }),
    "(string | integer)[]",
  );
  assertEquals(schemaText({ type: ["string", "null"] }), "string | null");
  assertEquals(
    schemaText({ type: "object", properties: { a: { type: "object", properties: { b: {} } } } }, 1),
    "{a?: {…}}",
  );
});

Deno.test("api schema text - a named shape's fields, each with its words", () => {
  assertEquals(
    shapeFields({
      type: "object",
      properties: { name: { type: "string" }, size: { type: "number", description: "In bytes" } },
      required: ["name"],
    }),
    [
      { name: "name", type: "string", optional: false },
      { name: "size", type: "number", optional: true, description: "In bytes" },
    ],
  );
  assertEquals(shapeFields({ type: "string", enum: ["a"] }), '"a"');
});
