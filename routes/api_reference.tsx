// The API's own description, served by the program: the OpenAPI 3.1 document and a reference
// page rendered from it (no CDN, no script).

import type { AppContext } from "../lib/context.ts";
import { ApiReferencePage, type ReferenceDocument } from "../components/ApiReferencePage.tsx";
import { DeclaredApp } from "./declare.ts";
import type { OpenApiDocument } from "./openapi.ts";
import { renderPage } from "./pages.tsx";
import { t } from "../shared/i18n/t.ts";

/** Mount at "/"; `documentOf` gives the whole app's document (built once all routes exist). */
export function apiReferenceRoutes(
  ctx: AppContext,
  documentOf: () => Promise<OpenApiDocument>,
): DeclaredApp {
  const app = new DeclaredApp();

  // Route summaries are the OpenAPI document's words (English, as the API's), not the UI's.
  app.GET(
    "/api/openapi.json",
    // deno-lint-ignore translate/untranslated-text -- the OpenAPI document's summary
    "This API as an OpenAPI 3.1 document",
    { access: "read", answer: "OpenApiDocument" },
    async (c) => c.json(await documentOf()),
  );

  app.page(
    // deno-lint-ignore translate/untranslated-text -- the OpenAPI document's summary
    { method: "get", path: "/api-reference", summary: "The API reference page", access: "read" },
    async (c) =>
      renderPage(
        ctx,
        c,
        <ApiReferencePage doc={(await documentOf()) as unknown as ReferenceDocument} />,
        { title: t("API reference"), styles: ["/static/api_reference.css"] },
      ),
  );

  return app;
}
