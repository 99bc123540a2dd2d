// What GET /api/openapi.json answers (routes/api_reference.tsx): this API's OpenAPI 3.1
// document, described loosely (its own schema is the OpenAPI specification's).

import { z } from "zod";

export const OpenApiDocument = z.looseObject({
  openapi: z.string().meta({ description: '"3.1.0"' }),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})).meta({
    description: "Each path's operations by method",
  }),
  components: z.looseObject({}).optional(),
}).meta({
  id: "OpenApiDocument",
  description: "An OpenAPI 3.1 document: https://spec.openapis.org/oas/v3.1.0",
});
