// The OpenAPI 3.1 document of the JSON API, generated from the route declarations
// (routes/declare.ts): every api() route with its parameters, body, answers and who may call it.

import type { DeclaredApp } from "./declare.ts";
import { SESSION_COOKIE } from "./middleware/auth.ts";

export type OpenApiDocument = ReturnType<DeclaredApp["getOpenAPI31Document"]>;

const DESCRIPTION = [
  "Every route answers JSON; a refusal is `{code, message}` with the status the code always",
  "has (the catalogue is shared/errors.ts). Sign in with the session cookie of `POST",
  "/api/auth/login` (changes then carry its CSRF token in `X-CSRF-Token`) or send an API token",
  "as `Authorization: Bearer …`. `x-kvm` on each operation says who may call it (`access`), its",
  "audit action and whether it writes the app store; a session and a token of the same account",
  "and role are answered alike, except on the few operations only a signed-in browser may call",
  "(`sessionOnly`, the words a token is refused with: second factors). `?host=ID` sends a request",
  "to another managed host.",
].join(" ");

/** The API's version: raised when a route or shape changes in a way that breaks a client. */
export const API_VERSION = "1.0.0";

/** The document of `app`'s declared API routes (their schemas are loaded on the first call). */
export async function openApiDocument(app: DeclaredApp): Promise<OpenApiDocument> {
  await app.documentReady();
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "KVM Manager API", version: API_VERSION, description: DESCRIPTION },
    security: [{ session: [] }, { token: [] }],
  });
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
      token: { type: "http", scheme: "bearer" },
    },
  };
  // One group per resource: the first path word after /api.
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // The document itself (/api/openapi.json) is filed under "api".
    const word = path.split("/").filter((w) => w && w !== "api")[0] ?? "api";
    const tag = word.includes(".") ? "api" : word;
    for (const op of Object.values(item as Record<string, { tags?: string[] }>)) {
      if (typeof op === "object" && op !== null) op.tags = [tag];
    }
    tags.add(tag);
  }
  doc.tags = [...tags].sort().map((name) => ({ name }));
  return doc;
}
