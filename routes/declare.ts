// Routes that declare themselves: each route is registered once with its method, path, request
// parameters, who may call it, its audit action and whether it writes the app store. The auth
// guard, the audit trail, the degraded-store guard and the OpenAPI document all read these
// declarations (routes/route_table.ts, routes/openapi.ts); no table beside the routes repeats them.

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, Handler, MiddlewareHandler } from "hono";
import type { BlankEnv, BlankSchema, ParamKeys } from "hono/types";
import { AppError } from "../lib/errors.ts";
import { t } from "../shared/i18n/t.ts";
import { jsonBody, type Malformed, optionalJsonBody } from "./body.ts";
import { type IssueCodes, validated } from "../lib/validate.ts";
import { answerCheck, checkingAnswers } from "./answer_check.ts";
import { type AnswerRef, type Answers, answerSchema, loadAnswers } from "./answers.ts";
import { mergePath } from "hono/utils/url";

/**
 * Who may call a route.
 * - public: anyone (sign-in, static assets);
 * - signed-in: any role (and the route may check more itself, like the batch route per VM);
 * - read: viewers and up;
 * - vm: operators allowed on the VM named by the path's `id`, and admins;
 * - admin: admins only.
 */
export type Access = "public" | "signed-in" | "read" | "vm" | "admin";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** What the guards need to know about a route. */
export interface RouteRules {
  access: Access;
  /**
   * The audit action ("vm.start"). Omitted: named from the method and path by the audit trail's
   * rule (routes/middleware/audit.ts). null: not recorded (a POST that only computes an answer,
   * or sign-in, which records itself). Reads are never recorded, whatever is given.
   */
  audit?: string | null;
  /**
   * True when a change through this route is kept in the app store, so it is refused while the
   * store is degraded. Every route that is not a GET must say (a walk test checks it).
   */
  writesStore?: boolean;
  /**
   * Set for a route only a signed-in browser session may call, never an API token: the words
   * of the refusal a token gets (a t() key). The auth guard enforces it, after the role.
   */
  sessionOnly?: string;
}

interface Common extends RouteRules {
  method: Method;
  /** Hono syntax, relative to the app it is declared on: "/:id/stats". */
  path: string;
  /** One line for the API reference. */
  summary: string;
}

/** An API route: in the OpenAPI document. */
export interface ApiRoute extends Common {
  /** Path parameters by name, when they say more than "a string" (all are strings). */
  params?: Record<string, z.ZodString>;
  /** Query parameters (all optional strings on the wire). */
  query?: Record<string, z.ZodType>;
  /** The JSON body: described in words, or checked against a schema (see BodySchema). */
  body?: { description: string; required?: boolean } | BodySchema;
  /** Success statuses and what they answer, in words or as an Answer; default `{200: "OK"}`. */
  responses?: Record<number, string | Answer>;
  /**
   * The schema of the JSON body of the route's one success status (200 unless `responses` names
   * another): in the OpenAPI document, and every answer a test receives is checked against it
   * (routes/answer_check.ts). By name: the schemas live in routes/api/answers/ and are loaded on
   * first use (routes/answers.ts).
   */
  answer?: AnswerRef;
  /** A WebSocket upgrade rather than a JSON exchange. */
  websocket?: boolean;
}

/** What one success status answers. */
export interface Answer {
  description: string;
  /** The JSON body's schema, by name (see ApiRoute.answer). */
  schema?: AnswerRef;
  /** A body that is not JSON: its media type ("image/png"). */
  media?: string;
}

/**
 * A JSON body checked before the handler runs, in the words and codes the schema and `codes`
 * give (lib/validate.ts); the handler reads the result with `c.get("body")`. In the OpenAPI
 * document as the schema's JSON Schema.
 */
export interface BodySchema<S extends z.ZodType = z.ZodType> extends IssueCodes {
  schema: S;
  description?: string;
  /** The body's value when the request sends none (white space only); omitted: required. */
  empty?: z.input<S>;
  /**
   * What a body that is not JSON is refused with: 400 BAD_REQUEST in these words (said through
   * t(), so mark them with tKey), or an error.
   */
  malformed?: Malformed;
  /**
   * `false`: the schema only describes the body (in the OpenAPI document); the handler gets the
   * JSON as sent in `c.get("body")` and its service checks it, where the check needs what the
   * route looks up first (the stored schedule a PUT replaces, say).
   */
  check?: false;
  /**
   * Only `application/json` is read: any other content type is refused with 415
   * UNSUPPORTED_MEDIA_TYPE in these words before the body is (a cross-site form cannot send JSON
   * without a CORS preflight, which we never allow). Said through t(): mark them with tKey.
   */
  onlyJson?: string;
}

/** The variables a handler of a route with a body schema reads. */
export interface BodyEnv<S extends z.ZodType> {
  Variables: { body: z.output<S> };
}

/** A page, an asset or anything else that is not part of the JSON API. */
export type PageRoute = Common;

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** A route's rules besides its method, path and summary. */
type Rules<S extends z.ZodType> =
  & Omit<
    Optional<ApiRoute, "access">,
    "method" | "path" | "summary" | "body"
  >
  & { body?: ApiRoute["body"] | BodySchema<S> };

/** A path's parameters by name, as Hono reads them from its pattern ("/:pool/volumes/:vol"). */
type PathParams<P extends string> = { [K in ParamKeys<P>]: string };

// deno-lint-ignore no-explicit-any
type ServiceCall = (params: any, body: any) => unknown;

/** The service call behind each handler `reply` made, for DeclaredApp.api to find. */
const serviceCalls = new WeakMap<Handler, ServiceCall>();

/**
 * The handler of an API route that only calls a service and answers what it returns:
 * `reply(({ net }, body) => networks.update(net, body))`. The call gets the path's parameters by
 * name and the request's body as `c.get("body")` gives it (checked, when the route declares a
 * schema). The answer is JSON with the route's one success status (201 or 202 when its
 * `responses` say so), or no body when that status is 204: the status is said once, in the
 * declaration the OpenAPI document is made from, rather than again in the handler. Typed as a
 * handler of the route's path, so that TypeScript names the call's parameters from that path.
 */
export function reply<P extends string>(
  // `any`, as `c.get("body")` is in a handler: the schema's type does not reach it.
  // deno-lint-ignore no-explicit-any
  call: (params: PathParams<P>, body: any) => unknown,
  // deno-lint-ignore no-explicit-any
): Handler<any, P> {
  // Answering needs the route's declaration: DeclaredApp.api puts the real handler in its place.
  const stands: Handler = function replyStandsIn() {
    throw new Error("reply() is a handler of DeclaredApp's API routes only");
  };
  serviceCalls.set(stands, call);
  return stands;
}

/** Declares an API route of one method: path, summary, rules (optional) and handlers. */
interface Registrar {
  // deno-lint-ignore no-explicit-any
  <P extends string>(path: P, summary: string, ...handlers: Handler<any, P>[]): DeclaredApp;
  <P extends string, S extends z.ZodType = z.ZodNever>(
    path: P,
    summary: string,
    rules: Rules<S>,
    // deno-lint-ignore no-explicit-any
    ...handlers: Handler<BodyEnv<S> & any, P>[]
  ): DeclaredApp;
}

/** What the routes of one app share unless one says otherwise. */
export interface Defaults {
  access?: Access;
  writesStore?: boolean;
  sessionOnly?: string;
  params?: Record<string, z.ZodString>;
}

/** One declaration as the guards see it, with its full Hono path. */
export interface Declared extends RouteRules {
  method: Method;
  path: string;
  summary: string;
  /** In the OpenAPI document. */
  api: boolean;
}

const ERROR_BODY = z.object({
  code: z.string().meta({ description: "One of the catalogue's codes (shared/errors.ts)" }),
  message: z.string().meta({ description: "What went wrong, in the words the UI shows" }),
}).meta({ id: "ApiError" });

/** `/:id/:name{.+}` → `/{id}/{name}` (OpenAPI has no pattern syntax in paths). */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");
}

function paramNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, "")}/${path.replace(/^\//, "")}`;
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

/**
 * A Hono app whose routes are declared: `api()` and `page()` register a handler together with its
 * rules, and `route()` mounts another app under a prefix as Hono's does, keeping a declared
 * child's declarations with their full paths. Its OpenAPI registry holds the document's paths;
 * handlers are plain Hono handlers, or `reply(call)` for a route that only calls a service. A body
 * declared with a schema is checked before them; path and query parameters are described here and
 * checked by the handler in the contract's words.
 */
export class DeclaredApp extends OpenAPIHono<BlankEnv, BlankSchema, "/"> {
  readonly declared: Declared[] = [];
  /**
   * The API routes' entries in the OpenAPI document, made when it is first asked for
   * (documentReady): their zod objects and the answer schemas are not kept by a serving process.
   */
  #toDocument: ((answers: Answers) => ReturnType<typeof createRoute>)[] = [];

  /**
   * `defaults`: what most routes of this app share, said once (each route may say otherwise):
   * who may call them, whether their changes are kept in the app store (routes that are not GETs),
   * and their path parameters.
   */
  constructor(private readonly defaults: Defaults = {}) {
    super();
  }

  /**
   * API routes in one line each: `app.POST("/:id/clone", "Clone a stopped VM", {rules}, handler)`,
   * the rules (access, body, responses, …) over the app's defaults, and left out when the
   * defaults say it all.
   */
  readonly GET: Registrar = this.#verb("get");
  readonly POST: Registrar = this.#verb("post");
  readonly PUT: Registrar = this.#verb("put");
  readonly PATCH: Registrar = this.#verb("patch");
  readonly DELETE: Registrar = this.#verb("delete");

  #verb(method: Method): Registrar {
    // deno-lint-ignore no-explicit-any
    return ((path: string, summary: string, ...rest: any[]) => {
      const rules = typeof rest[0] === "function" ? {} : rest.shift();
      return this.api({ ...rules, method, path, summary }, ...rest);
    }) as Registrar;
  }

  api<P extends string, S extends z.ZodType = z.ZodNever>(
    spec: Optional<Omit<ApiRoute, "body">, "access"> & {
      path: P;
      body?: ApiRoute["body"] | BodySchema<S>;
    },
    // deno-lint-ignore no-explicit-any
    ...handlers: Handler<BodyEnv<S> & any, P>[]
  ): this {
    const route = this.#withDefaults(spec);
    const answers = answersOf(spec);
    const schemas = new Map(
      Object.entries(answers).flatMap(([status, a]) =>
        a.schema ? [[Number(status), a.schema]] : []
      ),
    );
    const answerChecks = schemas.size && checkingAnswers() ? [answerCheck(schemas)] : [];
    const checked = spec.body && "schema" in spec.body ? spec.body : undefined;
    const { defaults } = this;
    this.#toDocument.push((all) =>
      documentEntry({ ...spec, rules: route }, defaults, answers, all)
    );
    return this.#add(route, true, [
      ...answerChecks,
      ...(checked ? [checkBody(checked)] : []),
      ...handlers.map((h) => {
        const call = serviceCalls.get(h);
        return call ? replying(call, successStatus(spec, answers, "does `reply` answer")) : h;
      }),
    ]);
  }

  /** Puts every API route declared so far into the OpenAPI registry (loading the schemas). */
  async documentReady(): Promise<void> {
    const answers = await loadAnswers();
    for (const make of this.#toDocument.splice(0)) this.openAPIRegistry.registerPath(make(answers));
  }

  page<P extends string>(
    spec: Optional<PageRoute, "access"> & { path: P },
    // deno-lint-ignore no-explicit-any
    ...handlers: Handler<any, P>[]
  ): this {
    return this.#add(this.#withDefaults(spec), false, handlers);
  }

  /** The route's own rules over the app's defaults; writesStore only for routes that change. */
  #withDefaults<T extends Optional<Common, "access">>(spec: T): T & { access: Access } {
    const { access, writesStore, sessionOnly } = this.defaults;
    const merged = {
      ...(access ? { access } : {}),
      ...(sessionOnly ? { sessionOnly } : {}),
      ...spec,
    };
    if (spec.method !== "get" && spec.writesStore === undefined && writesStore !== undefined) {
      merged.writesStore = writesStore;
    }
    if (!merged.access) throw new Error(`${spec.method} ${spec.path}: who may call it?`);
    return merged as T & { access: Access };
  }

  // deno-lint-ignore no-explicit-any
  #add(spec: Common, api: boolean, handlers: Handler<any, any>[]): this {
    // Hono routes its own path (patterns included); the document has the plain form.
    // deno-lint-ignore no-explicit-any
    (this.on as any)(spec.method.toUpperCase(), spec.path, ...handlers);
    const { method, path, summary } = spec;
    this.declared.push({ ...rulesOf(spec), method, path, summary, api });
    return this;
  }

  // deno-lint-ignore no-explicit-any
  override route(prefix: string, child?: any): any {
    if (!child) return super.route(prefix);
    super.route(prefix, child);
    if (child instanceof DeclaredApp) {
      for (const d of child.declared) this.declared.push({ ...d, path: joinPath(prefix, d.path) });
      // As OpenAPIHono.route does with the entries already in the child's registry.
      const base = openApiPath(prefix);
      for (const make of child.#toDocument) {
        this.#toDocument.push((all) => {
          const entry = make(all);
          return { ...entry, path: mergePath(base, entry.path) };
        });
      }
    }
    return this;
  }
}

/**
 * A route's answers by status: `responses` (words by default) with `answer`'s schema on its one
 * success status.
 */
function answersOf(spec: Pick<ApiRoute, "responses" | "answer" | "method" | "path">) {
  const answers: Record<string, Answer> = Object.fromEntries(
    Object.entries(spec.responses ?? { 200: "OK" }).map(([status, a]) => [
      status,
      typeof a === "string" ? { description: a } : a,
    ]),
  );
  if (!spec.answer) return answers;
  const success = successStatus(spec, answers, "does `answer` describe");
  answers[success] = { ...answers[success], schema: spec.answer };
  return answers;
}

/** The one success status among a route's answers: what `answer` describes and `reply` sends. */
function successStatus(
  spec: Pick<ApiRoute, "method" | "path">,
  answers: Record<string, Answer>,
  asked: string,
): SuccessStatus {
  const success = Object.keys(answers).filter((s) => s.startsWith("2"));
  if (success.length !== 1) {
    throw new Error(`${spec.method} ${spec.path}: which success status ${asked}?`);
  }
  return Number(success[0]) as SuccessStatus;
}

type SuccessStatus = 200 | 201 | 202 | 204;

/** The Hono handler of a `reply`: the call's result as JSON with `status`, or no body for 204. */
function replying(call: ServiceCall, status: SuccessStatus): Handler {
  return async function replies(c: Context) {
    const answer = await call(c.req.param(), c.get("body" as never));
    return status === 204 ? c.body(null, 204) : c.json(answer, status);
  };
}

/** A route's entry in the OpenAPI document, with its answers' schemas from `all`. */
function documentEntry(
  spec: Omit<ApiRoute, "body" | "access"> & { body?: ApiRoute["body"]; rules: RouteRules },
  defaults: Defaults,
  answers: Record<string, Answer>,
  all: Answers,
) {
  const names = paramNames(spec.path);
  const params = Object.fromEntries(
    names.map((n) => [n, spec.params?.[n] ?? defaults.params?.[n] ?? z.string()]),
  );
  const responses = Object.fromEntries(
    Object.entries(answers).map(([status, { description, schema, media }]) => [
      status,
      {
        description,
        ...(schema
          ? { content: { "application/json": { schema: answerSchema(schema, all) } } }
          : {}),
        ...(media ? { content: { [media]: { schema: { type: "string" as const } } } } : {}),
      },
    ]),
  );
  const checked = spec.body && "schema" in spec.body ? spec.body : undefined;
  const words = spec.body && !("schema" in spec.body) ? spec.body : undefined;
  const body = words &&
    `Body (JSON): ${words.description}${words.required === false ? " (optional)" : ""}`;
  return createRoute({
    method: spec.method,
    path: openApiPath(spec.path),
    summary: spec.summary,
    ...(body ? { description: body } : {}),
    request: {
      ...(names.length ? { params: z.object(params) } : {}),
      ...(spec.query ? { query: z.object(spec.query) } : {}),
      ...(checked
        ? {
          body: {
            ...(checked.description ? { description: checked.description } : {}),
            required: !("empty" in checked),
            content: { "application/json": { schema: checked.schema } },
          },
        }
        : {}),
    },
    responses: {
      ...responses,
      default: {
        description: "A refusal, with its code's status (shared/errors.ts)",
        content: { "application/json": { schema: ERROR_BODY } },
      },
    },
    "x-kvm": rulesOf(spec.rules),
    ...(spec.websocket ? { "x-websocket": true } : {}),
  });
}

/** Reads and checks a route's JSON body before its handler; the result is `c.get("body")`. */
function checkBody(spec: BodySchema): MiddlewareHandler {
  return async function readBody(c, next) {
    if (spec.onlyJson && !c.req.header("content-type")?.startsWith("application/json")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", t(spec.onlyJson));
    }
    // Hono's request keeps the text: a handler may still read the body as sent.
    const value = "empty" in spec
      ? await optionalJsonBody(c.req, spec.empty, spec.malformed)
      : await jsonBody(c.req, spec.malformed);
    const body = spec.check === false ? value : validated(spec.schema, value, spec);
    c.set("body" as never, body as never);
    await next();
  };
}

function rulesOf({ access, audit, writesStore, sessionOnly }: RouteRules): RouteRules {
  return {
    access,
    ...(sessionOnly !== undefined ? { sessionOnly } : {}),
    ...(audit !== undefined ? { audit } : {}),
    ...(writesStore !== undefined ? { writesStore } : {}),
  };
}
