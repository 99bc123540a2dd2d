// The API reference: every route of the OpenAPI document (GET /api/openapi.json), grouped by
// resource, with who may call it, its parameters, body and answers. Server-rendered from the
// document itself, so it can never disagree with it; no script, nothing from a CDN.

import { openApiDocumentPath } from "../shared/api_paths.ts";
import { t, tKey } from "../shared/i18n/t.ts";
import { Trans } from "./kit/Trans.tsx";
import { type JsonSchema, schemaText, shapeFields } from "./api_schema_text.ts";

/** The parts of an OpenAPI 3.1 operation this page shows. */
export interface ReferenceOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: JsonSchema }> }
  >;
  "x-kvm"?: { access: string; audit?: string | null; writesStore?: boolean };
  "x-websocket"?: boolean;
}

export interface ReferenceDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, ReferenceOperation>>;
  tags?: { name: string }[];
  components?: { schemas?: Record<string, JsonSchema> };
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

function Operation({ method, path, op, shapes }: Row & { shapes: Set<string> }) {
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
                  {answers.map(([status, r], i) => (
                    <span key={status}>
                      {i > 0 && "; "}
                      {`${status} ${r.description ?? ""}`}
                      <AnswerBody content={r.content} shapes={shapes} />
                    </span>
                  ))}
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

/**
 * What an answer's body is: its shape as a line of code (a named shape, or a list of one, links to
 * it in the list of shapes), or its media type.
 */
function AnswerBody(
  { content, shapes }: {
    content?: Record<string, { schema?: JsonSchema }>;
    shapes: Set<string>;
  },
) {
  if (!content) return null;
  const [media, { schema }] = Object.entries(content)[0];
  const text = media === "application/json" ? schemaText(schema) : media;
  const named = /^(\w+)(\[\])?$/.exec(text)?.[1];
  const code = <code class="api-shape">{text}</code>;
  return (
    <>
      {": "}
      {named && shapes.has(named) ? <a href={`#shape-${named}`}>{code}</a> : code}
    </>
  );
}

/** The document's named shapes, each with its fields, as the answers above name them. */
function Shapes({ schemas }: { schemas: Record<string, JsonSchema> }) {
  const names = Object.keys(schemas).sort();
  if (!names.length) return null;
  return (
    <section id="shapes" class="card card-full api-group">
      <h2>{t("Shapes")}</h2>
      {names.map((name) => {
        const fields = shapeFields(schemas[name]);
        return (
          <details key={name} class="api-op" id={`shape-${name}`}>
            <summary>
              <code class="api-path">{name}</code>
              {schemas[name].description && (
                <span class="api-summary" lang="en">{schemas[name].description}</span>
              )}
            </summary>
            {typeof fields === "string"
              ? <code class="api-shape">{fields}</code>
              : (
                <ul class="api-fields" lang="en">
                  {fields.map((f) => (
                    <li key={f.name}>
                      <code>{`${f.name}${f.optional ? "?" : ""}: ${f.type}`}</code>
                      {f.description ? ` ${f.description}` : ""}
                    </li>
                  ))}
                </ul>
              )}
          </details>
        );
      })}
    </section>
  );
}

/** Text with `quoted` parts shown as code. */
function withCode(text: string) {
  return text.split("`").map((part, i) => i % 2 ? <code key={i}>{part}</code> : part);
}

export function ApiReferencePage({ doc }: { doc: ReferenceDocument }) {
  const byTag = rowsByTag(doc);
  const shapes = new Set(Object.keys(doc.components?.schemas ?? {}));
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
        <a href="#shapes">{t("Shapes")}</a>
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} class="card card-full api-group">
          <h2 lang="en">{tag}</h2>
          {byTag.get(tag)!.map((row) => (
            <Operation key={`${row.method} ${row.path}`} {...row} shapes={shapes} />
          ))}
        </section>
      ))}
      <Shapes schemas={doc.components?.schemas ?? {}} />
    </div>
  );
}
