// An answer's JSON Schema (from the OpenAPI document) as the short TypeScript-like line a reader
// of the API reference scans: `{snapshots: SnapshotInfo[], current: string | null}`. Named shapes
// stay names; the page lists each once (components/ApiReferencePage.tsx).

/** The parts of a JSON Schema (2020-12, as zod writes it) this text shows. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  id?: string;
}

/** The name a `$ref` points to: "#/components/schemas/Vm" → "Vm". */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

const PRIMITIVES: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "integer",
  boolean: "boolean",
  null: "null",
};

/** One line for `schema`; objects deeper than `depth` levels show as `{…}`. */
export function schemaText(schema: JsonSchema | boolean | undefined, depth = 3): string {
  if (schema === undefined || schema === true) return "any";
  if (schema === false) return "never";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => wrapped(s, depth)).join(" | ");
  if (schema.allOf) return schema.allOf.map((s) => wrapped(s, depth)).join(" & ");
  if (Array.isArray(schema.type)) {
    return schema.type.map((type) => schemaText({ ...schema, type }, depth)).join(" | ");
  }
  switch (schema.type) {
    case "array":
      if (schema.prefixItems) {
        return `[${schema.prefixItems.map((s) => schemaText(s, depth)).join(", ")}]`;
      }
      return `${wrapped(schema.items, depth)}[]`;
    case "object":
      return objectText(schema, depth);
    case undefined:
      return schema.properties ? objectText(schema, depth) : "any";
    default:
      return PRIMITIVES[schema.type] ?? schema.type;
  }
}

/** A union member or an array's items, in brackets when it is itself a union. */
function wrapped(schema: JsonSchema | undefined, depth: number): string {
  const text = schemaText(schema, depth);
  return / [|&] /.test(text) && !text.startsWith("{") ? `(${text})` : text;
}

function objectText(schema: JsonSchema, depth: number): string {
  const entries = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  if (!entries.length && extra && extra !== true) {
    return `{[key: string]: ${schemaText(extra, depth - 1)}}`;
  }
  if (!entries.length) return extra === false ? "{}" : "object";
  if (depth <= 0) return "{…}";
  const required = new Set(schema.required ?? []);
  const fields = entries.map(([name, s]) =>
    `${name}${required.has(name) ? "" : "?"}: ${schemaText(s, depth - 1)}`
  );
  return `{${fields.join(", ")}}`;
}

/**
 * A named shape's fields, one per line with its description, for the reference's list of shapes;
 * a shape that is not an object is its one line.
 */
export function shapeFields(
  schema: JsonSchema,
): { name: string; type: string; optional: boolean; description?: string }[] | string {
  if (!schema.properties) return schemaText(schema);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    type: schemaText(s, 2),
    optional: !required.has(name),
    ...(s.description ? { description: s.description } : {}),
  }));
}
