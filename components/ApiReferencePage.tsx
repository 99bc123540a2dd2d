// The API reference: every route of the OpenAPI document (GET /api/openapi.json), grouped by
// resource, with who may call it, its parameters, body and answers. Server-rendered from the
// document itself, so it can never disagree with it; no script, nothing from a CDN.

import { openApiDocumentPath } from "../shared/api_paths.ts";
import { t, tKey } from "../shared/i18n/t.ts";
import { Trans } from "./kit/Trans.tsx";

/** The parts of an OpenAPI 3.1 operation this page shows. */
export interface ReferenceOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  responses?: Record<string, { description?: string }>;
  "x-kvm"?: { access: string; audit?: string | null; writesStore?: boolean };
  "x-websocket"?: boolean;
}

export interface ReferenceDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, ReferenceOperation>>;
  tags?: { name: string }[];
}

const METHODS = ["get", "post", "put", "patch", "delete"];

const ACCESS: Record<string, string> = {
  public: tKey("anyone"),
  "signed-in": tKey("any signed-in user"),
  read: tKey("viewers and up"),
  vm: tKey("operators of this VM, admins"),
  admin: tKey("admins"),
};

interface Row {
  method: string;
  path: string;
  op: ReferenceOperation;
}

function rowsByTag(doc: ReferenceDocument): Map<string, Row[]> {
  const byTag = new Map<string, Row[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "api";
      byTag.set(tag, [...byTag.get(tag) ?? [], { method, path, op }]);
    }
  }
  return byTag;
}

function Operation({ method, path, op }: Row) {
  const rules = op["x-kvm"];
  const params = op.parameters ?? [];
  const answers = Object.entries(op.responses ?? {}).filter(([status]) => status !== "default");
  return (
    <details class="api-op" id={`${method}-${path}`}>
      <summary>
        <span class={`api-method api-${method}`}>{method.toUpperCase()}</span>
        <code class="api-path">{path}</code>
        <span class="api-summary" lang="en">{op.summary}</span>
      </summary>
      <dl class="api-facts">
        {rules && (
          <>
            <dt>{t("Who")}</dt>
            <dd>{Object.hasOwn(ACCESS, rules.access) ? t(ACCESS[rules.access]) : rules.access}</dd>
          </>
        )}
        {op["x-websocket"] && (
          <>
            <dt>{t("Protocol")}</dt>
            <dd>{t("WebSocket upgrade")}</dd>
          </>
        )}
        {params.length > 0 && (
          <>
            <dt>{t("Parameters")}</dt>
            <dd>
              <ul>
                {params.map((p) => (
                  <li key={`${p.in}-${p.name}`}>
                    <code>{p.name}</code> (<span lang="en">{p.in}</span>
                    {p.required ? t(", required") : ""})
                    {p.description ? <span lang="en">{`: ${p.description}`}</span> : ""}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {op.description && (
          <>
            <dt>{t("Body")}</dt>
            <dd lang="en">{op.description.replace(/^Body \(JSON\): /, "")}</dd>
          </>
        )}
        <dt>{t("Answers")}</dt>
        <dd>
          <Trans
            text={t("{{answers}}; a refusal is {{shape}}", {
              answers: "{{answers}}",
              shape: "{{shape}}",
            })}
            parts={{
              // The API describes itself in English (the OpenAPI document's words).
              answers: (
                <span lang="en">
                  {answers.map(([status, r]) => `${status} ${r.description ?? ""}`).join("; ")}
                </span>
              ),
              // deno-lint-ignore translate/untranslated-text -- the JSON shape of an error, not words
              shape: <code>{"{code, message}"}</code>,
            }}
          />
        </dd>
        {rules?.writesStore && (
          <>
            <dt>{t("Store")}</dt>
            <dd>{t("kept in the app store: refused while the store is read-only")}</dd>
          </>
        )}
      </dl>
    </details>
  );
}

/** Text with `quoted` parts shown as code. */
function withCode(text: string) {
  return text.split("`").map((part, i) => i % 2 ? <code key={i}>{part}</code> : part);
}

export function ApiReferencePage({ doc }: { doc: ReferenceDocument }) {
  const byTag = rowsByTag(doc);
  const tags = [...byTag.keys()].sort();
  const count = [...byTag.values()].reduce((n, rows) => n + rows.length, 0);
  return (
    <div class="api-reference">
      <h1>{t("API reference")}</h1>
      <p class="lead">
        <Trans
          text={t(
            "{{count}} routes of {{title}} {{version}}. The same description as a machine-readable OpenAPI 3.1 document: {{link}}.",
            { count, title: doc.info.title, version: doc.info.version, link: "{{link}}" },
          )}
          parts={{ link: <a href={openApiDocumentPath()}>{openApiDocumentPath()}</a> }}
        />
      </p>
      {doc.info.description && <p class="muted" lang="en">{withCode(doc.info.description)}</p>}
      <nav class="api-tags" aria-label={t("Resources")}>
        {tags.map((tag) => <a key={tag} href={`#tag-${tag}`} lang="en">{tag}</a>)}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} class="card card-full api-group">
          <h2 lang="en">{tag}</h2>
          {byTag.get(tag)!.map((row) => <Operation key={`${row.method} ${row.path}`} {...row} />)}
        </section>
      ))}
    </div>
  );
}
