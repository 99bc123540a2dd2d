// describes<T>() holds a schema to its shared type at compile time: these lines would not
// type-check without their @ts-expect-error, so deno check proves each refusal.

import { z } from "zod";
import { assertEquals } from "../../../tests/support/assert.ts";
import { describes } from "./describes.ts";

interface Shape {
  name: string;
  size?: number;
}

Deno.test("describes - a schema of exactly the type passes, one that parts from it does not type-check", () => {
  const same = describes<Shape>()(z.object({ name: z.string(), size: z.number().optional() }));
  // @ts-expect-error the schema lacks the type's optional size
  describes<Shape>()(z.object({ name: z.string() }));
  const extra = z.object({ name: z.string(), size: z.number().optional(), extra: z.string() });
  // @ts-expect-error the schema names a field the type lacks
  describes<Shape>()(extra);
  // @ts-expect-error size is required in the schema, optional in the type
  describes<Shape>()(z.object({ name: z.string(), size: z.number() }));
  // @ts-expect-error name is a number in the schema
  describes<Shape>()(z.object({ name: z.number(), size: z.number().optional() }));
  // An intersection is the same shape as the object of its fields.
  const merged = describes<Shape & { tags: string[] }>()(
    z.object({ name: z.string(), size: z.number().optional(), tags: z.array(z.string()) }),
  );
  const differs = z.object({ name: z.string(), tags: z.array(z.number()) });
  // @ts-expect-error still not when a field differs
  describes<Shape & { tags: string[] }>()(differs);
  assertEquals(same.parse({ name: "a" }), { name: "a" });
  assertEquals(merged.parse({ name: "a", tags: [] }), { name: "a", tags: [] });
});
