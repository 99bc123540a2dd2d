// One name rule for every named object (shared/names.ts, and the stricter rules of libvirt's
// objects inside it): a walk of the OpenAPI document finds every body field called `name` or
// ending in `Name`, nested objects and lists included, and sends each hostile name to each in a
// body that is otherwise good. The answer is a 4xx `{code, message}` naming the field (or, for a
// field that names an existing object, 404), and nothing was made or changed. A new operation
// with a name field fails here until a good body for it is in CASES.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../middleware/auth.ts";

const HOSTILE: string[] = [
  "../x",
  "/",
  ".",
  "..",
  "a\u0000b",
  "a\nb",
  "a\tb",
  "a\u007fb",
  "a\u202eb",
  // Invisible, or no characters: RLM, Arabic letter mark, zero-width space, BOM, soft hyphen,
  // Hangul filler, Mongolian vowel separator, a tag, a noncharacter, a lone surrogate.
  "a\u200fb",
  "a\u061cb",
  "a\u200bb",
  "a\ufeffb",
  "a\u00adb",
  "\u115f",
  "a\u180eb",
  "a\u{E0041}b",
  "a\ufffeb",
  "a\ud800b",
  "",
  // Spaces or a byte order mark at either end: what a paste leaves, invisible in a list.
  " a",
  "a ",
  "\ufeffa",
  "a\ufeff",
  // Longer than any feature's limit (volumes: 255).
  "x".repeat(256),
];

type Json = Record<string, unknown>;

interface Case {
  /** The request path, its parameters naming objects the test node has (or `setup` made). */
  path: string | ((ids: Ids) => string);
  /** A body the operation takes, with a good name in each name field. */
  body: Json | ((ids: Ids) => Json);
  /** For a field the main body lacks (it applies to another kind of object): a body with it. */
  bodyFor?: Record<string, Json>;
  /** Reads of what the operation makes or changes: the same before and after the refusals. */
  state: string[] | ((ids: Ids) => string[]);
  /**
   * What the good body answers: a 2xx, or when the test driver cannot carry the operation out,
   * the status of the step after every check of the body (and why).
   */
  control?: { status: number; why: string };
  /** Fields that name an existing object: refused with 400, or 404 as not found. */
  references?: string[];
  /** Fields where "" is no name (a generated one, or none): taken, and the document says so. */
  emptyMeansDefault?: string[];
  /** A check that answers a body's problems as field errors (200), as the create form shows them. */
  answersFieldErrors?: boolean;
}

/** Objects `setup` made, by what they are. */
type Ids = Record<string, string>;

const NOTIFY_TARGET = {
  name: "names-target",
  kind: "gotify",
  config: { url: "https://gotify.example" },
};

const VM_CONFIG = {
  name: "names-vm",
  cpuCount: 1,
  memoryMb: 512,
  diskSizeGb: 5,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
};
const ALERT = { name: "names-cpu", metric: "cpu", threshold: 90 };

/** Every operation with a name field, keyed as "METHOD /openapi/path". */
const CASES: Record<string, Case> = {
  "POST /api/tokens": {
    path: "/api/tokens",
    body: { name: "names-token", role: "viewer" },
    state: ["/api/tokens"],
  },
  "POST /api/me/two-factor/keys": {
    path: "/api/me/two-factor/keys",
    body: {
      name: "names-key",
      response: { id: "k", rawId: "k", type: "public-key", response: { clientDataJSON: "e30" } },
    },
    state: ["/api/two-factor-policy"],
    control: {
      status: 409,
      why: "no key was asked for first (key-options): the step after every check of the body",
    },
  },
  "POST /api/hosts": {
    path: "/api/hosts",
    // Another node than the app's own (a URI managed twice is refused).
    body: { name: "names-host", uri: "test:///default" },
    state: ["/api/hosts"],
  },
  "POST /api/alerts/rules": {
    path: "/api/alerts/rules",
    body: ALERT,
    state: ["/api/alerts/rules"],
  },
  "POST /api/notify/targets": {
    path: "/api/notify/targets",
    body: NOTIFY_TARGET,
    state: ["/api/notify/targets"],
  },
  "PUT /api/notify/targets/{id}": {
    path: (ids) => `/api/notify/targets/${ids.target}`,
    body: { ...NOTIFY_TARGET, name: "names-target-2" },
    state: ["/api/notify/targets"],
  },
  "POST /api/notify/rules": {
    path: "/api/notify/rules",
    body: (ids) => ({ name: "names-nrule", kinds: ["backup-failed"], targetIds: [ids.target] }),
    state: ["/api/notify/rules"],
  },
  "PUT /api/notify/rules/{id}": {
    path: (ids) => `/api/notify/rules/${ids.nrule}`,
    body: (ids) => ({ name: "names-nrule-2", kinds: ["backup-failed"], targetIds: [ids.target] }),
    state: ["/api/notify/rules"],
  },
  "PUT /api/alerts/rules/{id}": {
    path: (ids) => `/api/alerts/rules/${ids.rule}`,
    body: { ...ALERT, name: "names-cpu-2" },
    state: ["/api/alerts/rules"],
  },
  "POST /api/backups/{id}/restore": {
    path: "/api/backups/names-none/restore",
    body: { name: "names-restored" },
    state: ["/api/vms"],
    control: { status: 404, why: "the test driver makes no backups: the body passed its checks" },
  },
  "POST /api/backup-repositories": {
    path: "/api/backup-repositories",
    body: {
      name: "names-repo",
      kind: "local",
      location: "/nonexistent/kvmm-names-repo",
      password: "names-password",
      existing: true,
    },
    state: ["/api/backup-repositories"],
    control: { status: 404, why: "no repository is there to attach: the body passed its checks" },
  },
  "POST /api/backup-repositories/{id}/backups/{backup}/restore": {
    path: "/api/backup-repositories/names-none/backups/b1/restore",
    body: { name: "names-restored", pool: "default" },
    state: ["/api/vms"],
    control: { status: 404, why: "no such repository: the body passed its checks" },
  },
  "POST /api/vms/{id}/snapshots": {
    path: (ids) => `/api/vms/${ids.db}/snapshots`,
    body: { name: "names-snap" },
    state: (ids) => [`/api/vms/${ids.db}/snapshots`],
    emptyMeansDefault: ["name"],
  },
  "POST /api/vms/{id}/policy/overrides": {
    path: (ids) => `/api/vms/${ids.db}/policy/overrides`,
    body: { kind: "alert", alert: ALERT },
    state: (ids) => [`/api/vms/${ids.db}/policy`],
  },
  "POST /api/profiles": {
    path: "/api/profiles",
    body: { name: "names-profile", alerts: [ALERT] },
    state: ["/api/profiles"],
  },
  "PATCH /api/profiles/{id}": {
    path: (ids) => `/api/profiles/${ids.profile}`,
    body: { name: "names-profile-2", alerts: [ALERT] },
    state: (ids) => [`/api/profiles/${ids.profile}`],
  },
  "PATCH /api/vms/{id}": {
    path: (ids) => `/api/vms/${ids.db}`,
    body: { name: "names-db" },
    state: ["/api/vms"],
  },
  "POST /api/vms/{id}/clone": {
    path: (ids) => `/api/vms/${ids.db}/clone`,
    body: { name: "names-clone" },
    state: ["/api/vms"],
  },
  "POST /api/vms/{id}/export": {
    path: (ids) => `/api/vms/${ids.db}/export`,
    body: { pool: "default", name: "names-db.ova" },
    state: ["/api/pools/default/volumes"],
    control: { status: 409, why: "qemu-img runs on this machine only: the test node is not it" },
  },
  "POST /api/vms/{id}/disks": {
    path: (ids) => `/api/vms/${ids.db}/disks`,
    body: { newVolume: { format: "qcow2", pool: "default", name: "names-disk", sizeGb: 1 } },
    control: { status: 501, why: "the test driver attaches no disks: the body passed its checks" },
    state: (ids) => ["/api/pools/default/volumes", `/api/vms/${ids.db}`],
  },
  "POST /api/host/network/staged/bond": {
    path: "/api/host/network/staged/bond",
    body: { name: "bond0", members: ["eno1", "eno2"], mode: "active-backup" },
    state: [],
    control: { status: 501, why: "the host network is this machine's, not the test driver's" },
  },
  "POST /api/host/network/staged/vlan": {
    path: "/api/host/network/staged/vlan",
    body: { parent: "eno1", id: 20, name: "vlan20" },
    state: [],
    control: { status: 501, why: "the host network is this machine's, not the test driver's" },
  },
  "POST /api/host/network/staged/bond-change": {
    path: "/api/host/network/staged/bond-change",
    body: { name: "bond0", members: ["eno1", "eno2"], mode: "802.3ad" },
    state: [],
    control: { status: 501, why: "the host network is this machine's, not the test driver's" },
    references: ["name"],
  },
  "POST /api/host/network/staged/delete": {
    path: "/api/host/network/staged/delete",
    body: { name: "bond0" },
    state: [],
    control: { status: 501, why: "the host network is this machine's, not the test driver's" },
    references: ["name"],
  },
  "POST /api/vms": {
    path: "/api/vms",
    body: VM_CONFIG,
    state: ["/api/vms"],
  },
  "POST /api/vms/validate": {
    path: "/api/vms/validate",
    body: VM_CONFIG,
    state: [],
    answersFieldErrors: true,
  },
  "POST /api/schedules": {
    path: "/api/schedules",
    body: (ids) => ({
      name: "names-job",
      operation: "start",
      vmIds: [ids.db],
      timing: { kind: "daily", time: "09:00" },
      timezone: "UTC",
    }),
    state: ["/api/schedules"],
  },
  "PUT /api/schedules/{id}": {
    path: (ids) => `/api/schedules/${ids.schedule}`,
    body: (ids) => ({
      name: "names-job-2",
      operation: "start",
      vmIds: [ids.db],
      timing: { kind: "daily", time: "10:00" },
      timezone: "UTC",
    }),
    state: ["/api/schedules"],
  },
  "POST /api/templates": {
    path: "/api/templates",
    body: { name: "names-template", config: VM_CONFIG },
    state: ["/api/templates"],
  },
  "PUT /api/templates/{id}": {
    path: (ids) => `/api/templates/${ids.template}`,
    body: { name: "names-template-2", config: VM_CONFIG },
    state: ["/api/templates"],
  },
  "POST /api/pools": {
    path: "/api/pools",
    body: { name: "names-pool", type: "dir", path: "/var/lib/libvirt/images/names-pool" },
    bodyFor: { sourceName: { name: "names-vg", type: "logical", sourceName: "names-vg" } },
    state: ["/api/pools"],
    // A logical pool's volume group, an iSCSI target's IQN: objects of the host, not ours.
    references: ["sourceName"],
  },
  "POST /api/pools/{pool}/volumes": {
    path: "/api/pools/default/volumes",
    body: { name: "names-vol.qcow2", format: "qcow2", sizeGb: 1 },
    state: ["/api/pools/default/volumes"],
  },
  "POST /api/pools/{pool}/volumes/{vol}/clone": {
    path: (ids) => `/api/pools/default/volumes/${ids.volume}/clone`,
    body: { name: "names-vol-copy.qcow2" },
    state: ["/api/pools/default/volumes"],
  },
  "POST /api/pools/{pool}/volumes/{vol}/convert": {
    path: (ids) => `/api/pools/default/volumes/${ids.volume}/convert`,
    body: { name: "names-vol.raw", format: "raw" },
    state: ["/api/pools/default/volumes"],
    control: { status: 409, why: "qemu-img runs on this machine only: the test node is not it" },
  },
  "POST /api/images/catalog": {
    path: "/api/images/catalog",
    body: {
      id: "names-image",
      name: "Names image",
      kind: "cloud",
      url: "https://images.example/names.qcow2",
    },
    state: ["/api/images"],
  },
  "POST /api/images/downloads": {
    path: "/api/images/downloads",
    body: { url: "https://images.example/names.qcow2", pool: "default", name: "names-dl.qcow2" },
    state: ["/api/pools/default/volumes"],
    // The name is checked before anything is fetched.
    control: { status: 502, why: "images.example never resolves: the body passed its checks" },
  },
  "POST /api/networks": {
    path: "/api/networks",
    body: {
      name: "names-net",
      mode: "isolated",
      subnet: "10.78.0.0/24",
      portgroups: [{ name: "names-pg" }],
    },
    state: ["/api/networks"],
  },
  "POST /api/networks/{net}/hosts": {
    path: "/api/networks/default/hosts",
    body: { mac: "52:54:00:aa:78:01", ip: "192.168.122.78", name: "names-host" },
    state: ["/api/networks/default"],
    emptyMeansDefault: ["name"],
  },
};

interface Schema {
  $ref?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, {
      requestBody?: { content?: Record<string, { schema?: Schema }> };
      "x-kvm"?: { sessionOnly?: string };
    }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

const isNameField = (key: string) => key === "name" || key.endsWith("Name");

/**
 * Every name field of a body schema by its path ("name", "alerts[].name", "newVolume.name"),
 * with its schema.
 */
function nameFields(doc: OpenApi, schema: Schema): Map<string, Schema> {
  const found = new Map<string, Schema>();
  const walk = (s: Schema | undefined, at: string, seen: Set<Schema>) => {
    if (s?.$ref) s = doc.components?.schemas?.[s.$ref.split("/").at(-1)!];
    if (!s || typeof s !== "object" || seen.has(s)) return;
    const inner = new Set(seen).add(s);
    for (const part of [...s.anyOf ?? [], ...s.oneOf ?? [], ...s.allOf ?? []]) {
      walk(part, at, inner);
    }
    if (s.items) walk(s.items, `${at}[]`, inner);
    if (typeof s.additionalProperties === "object") walk(s.additionalProperties, `${at}{}`, inner);
    for (const [key, value] of Object.entries(s.properties ?? {})) {
      const path = at ? `${at}.${key}` : key;
      if (isNameField(key)) found.set(path, value);
      walk(value, path, inner);
    }
  };
  walk(schema, "", new Set());
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** `body` with `field` ("alerts[].name") set to `value` in each place it names. */
function withValue(body: Json, field: string, value: string): Json {
  const copy = structuredClone(body);
  const set = (at: unknown, parts: string[]): number => {
    const [part, ...rest] = parts;
    const list = part.endsWith("[]");
    const key = list ? part.slice(0, -2) : part;
    if (typeof at !== "object" || at === null || !(key in at)) return 0;
    const obj = at as Json;
    if (!rest.length && !list) {
      obj[key] = value;
      return 1;
    }
    if (list) {
      const items = obj[key] as unknown[];
      return items.reduce<number>((n, item) => n + set(item, rest), 0);
    }
    return set(obj[key], rest);
  };
  const count = set(copy, field.split("."));
  if (count === 0) throw new Error(`the good body has no ${field}: ${JSON.stringify(body)}`);
  return copy;
}

/** The state reads of a case, as text, to compare before and after. */
async function stateOf(t: TestApp, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const res = await t.req("GET", path);
    assertEquals(res.status, 200, `GET ${path}`);
    // A running VM's uptime moves on by itself.
    const text = JSON.stringify(await res.json(), (k, v) => k === "uptimeSeconds" ? undefined : v);
    out.push(`${path} ${text}`);
  }
  return out;
}

/** Objects some operations change or copy: made once before the walk. */
async function setup(t: TestApp): Promise<Ids> {
  const made = async (method: string, path: string, body: unknown) => {
    const res = await t.req(method, path, body);
    const text = await res.text();
    assert(res.ok, `setup ${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
  const vms = await made("GET", "/api/vms", undefined);
  const db = (vms as { name: string; id: string }[]).find((v) => v.name === "db")!.id;
  const rule = await made("POST", "/api/alerts/rules", { ...ALERT, name: "names-setup" });
  const profile = await made("POST", "/api/profiles", { name: "names-setup" });
  const target = await made("POST", "/api/notify/targets", {
    ...NOTIFY_TARGET,
    name: "names-setup",
  });
  const nrule = await made("POST", "/api/notify/rules", {
    name: "names-setup",
    kinds: ["backup-failed"],
    targetIds: [target.id],
  });
  const schedule = await made("POST", "/api/schedules", {
    name: "names-setup",
    operation: "start",
    vmIds: [db],
    timing: { kind: "daily", time: "08:00" },
    timezone: "UTC",
  });
  const template = await made("POST", "/api/templates", {
    name: "names-setup",
    config: VM_CONFIG,
  });
  const volume = await made("POST", "/api/pools/default/volumes", {
    name: "names-setup.qcow2",
    format: "qcow2",
    sizeGb: 1,
  });
  return {
    db,
    rule: rule.id,
    profile: profile.id,
    target: target.id,
    nrule: nrule.id,
    schedule: schedule.id,
    template: template.id,
    volume: volume.name,
  };
}

const show = (value: string) =>
  value.length > 20
    ? `${JSON.stringify(value.slice(0, 8))}…(${value.length})`
    : JSON.stringify(value);

Deno.test("names - every name field of the API refuses hostile names and makes nothing", async () => {
  await withTestApp(async (t) => {
    const doc: OpenApi = await (await t.req("GET", "/api/openapi.json")).json();
    const ids = await setup(t);
    // Operations an API token may not call (x-kvm.sessionOnly) are sent signed in, as root.
    const session = t.ctx.auth.sessions.create("root", "admin", "*", null);
    const send = (sessionOnly: boolean, method: string, url: string, body: unknown) =>
      sessionOnly
        ? Promise.resolve(t.app.request(`http://localhost${url}`, {
          method,
          headers: {
            cookie: `${SESSION_COOKIE}=${session.secret}`,
            [CSRF_HEADER]: session.csrf,
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
        }))
        : t.req(method, url, body);
    const failures: string[] = [];
    const covered: string[] = [];
    const found = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content?.["application/json"]?.schema;
        if (!schema) continue;
        const fields = nameFields(doc, schema);
        if (!fields.size) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const signedIn = op["x-kvm"]?.sessionOnly !== undefined;
        found.add(key);
        const c = CASES[key];
        if (!c) {
          failures.push(`${key}: name fields ${[...fields.keys()].join(", ")} but no good body`);
          continue;
        }
        const url = typeof c.path === "function" ? c.path(ids) : c.path;
        const good = typeof c.body === "function" ? c.body(ids) : c.body;
        const reads = typeof c.state === "function" ? c.state(ids) : c.state;
        for (const [field, fieldSchema] of fields) {
          if (
            c.emptyMeansDefault?.includes(field) && !/empty/i.test(fieldSchema.description ?? "")
          ) {
            failures.push(`${key} ${field}: "" is taken, but the document does not say so`);
          }
          const base = c.bodyFor?.[field] ?? good;
          const leaf = field.split(".").at(-1)!;
          const before = await stateOf(t, reads);
          for (const value of HOSTILE) {
            if (value === "" && c.emptyMeansDefault?.includes(field)) continue;
            const res = await send(
              signedIn,
              method.toUpperCase(),
              url,
              withValue(base, field, value),
            );
            const text = await res.text();
            const what = `${key} ${field}=${show(value)} → ${res.status} ${text.slice(0, 160)}`;
            if (c.answersFieldErrors) {
              const errors = res.status === 200 ? JSON.parse(text).errors : undefined;
              const named = Array.isArray(errors) &&
                errors.some((e: { field?: string }) => e.field === field);
              if (!named) failures.push(`${what}: no error on ${field}`);
              continue;
            }
            let body: { code?: unknown; message?: unknown; field?: unknown } = {};
            try {
              body = JSON.parse(text);
            } catch { /* checked below */ }
            const reference = c.references?.includes(field);
            const statusOk = res.status === 400 || (reference && res.status === 404);
            if (!statusOk) failures.push(`${what}: not 400${reference ? " or 404" : ""}`);
            else if (typeof body.code !== "string" || typeof body.message !== "string") {
              failures.push(`${what}: not {code, message}`);
            } else if (
              body.field !== leaf && !new RegExp(`\\b${leaf}\\b`, "i").test(body.message)
            ) {
              failures.push(`${what}: neither the message nor its field names ${leaf}`);
            }
          }
          const after = await stateOf(t, reads);
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            failures.push(`${key} ${field}: a refused name changed ${reads.join(", ")}`);
          }
          covered.push(`${key} ${field}`);
        }
        // The good body passes every check (so the refusals above were the names').
        for (const body of new Set([good, ...Object.values(c.bodyFor ?? {})])) {
          const res = await send(signedIn, method.toUpperCase(), url, body);
          const text = await res.text();
          const want = c.control?.status;
          const ok = want === undefined ? res.ok : res.status === want;
          if (!ok) {
            failures.push(`${key} good body ${JSON.stringify(body)} → ${res.status} ${text}`);
          }
        }
      }
    }
    const stale = Object.keys(CASES).filter((k) => !found.has(k));
    assertEquals(stale, [], "CASES for operations with no name field in the document");
    assert(failures.length === 0, `${failures.length} failures:\n${failures.join("\n")}`);
    console.log(`covered ${covered.length} name fields:\n${covered.join("\n")}`);
  });
});

/** Operations whose body the document describes in words only (a file, bytes): seen here. */
const WORDED = [
  "POST /api/profiles/import",
  "POST /api/profiles/import/preview",
  "PUT /api/pools/{pool}/volumes/{vol}/content",
];

Deno.test("names - a profile file's names keep the rule on import; no other body is unseen", async () => {
  await withTestApp(async (t) => {
    const doc = await (await t.req("GET", "/api/openapi.json")).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const worded = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.description?.startsWith("Body (JSON):"))
        .map(([method]) => `${method.toUpperCase()} ${path}`)
    );
    assertEquals(worded.sort(), [...WORDED].sort(), "bodies described in words");

    const made = await t.req("POST", "/api/profiles", { name: "names-file", alerts: [ALERT] });
    assertEquals(made.status, 201);
    const { id } = await made.json();
    const file = await (await t.req("GET", `/api/profiles/${id}/export`)).json();
    assertEquals((await t.req("DELETE", `/api/profiles/${id}`)).status, 200);
    // A file whose name is taken is imported under the name renameTo gives.
    assertEquals((await t.req("POST", "/api/profiles", { name: "names-taken" })).status, 201);
    const taken = { ...file, profile: { ...file.profile, name: "names-taken" } };
    const before = await stateOf(t, ["/api/profiles"]);
    const failures: string[] = [];
    const refused = async (what: string, path: string, body: unknown) => {
      const res = await t.req("POST", path, body);
      const answer = await res.json();
      if (res.status !== 400 || typeof answer.message !== "string") {
        failures.push(`${what} → ${res.status} ${JSON.stringify(answer).slice(0, 160)}`);
      }
    };
    for (const value of HOSTILE) {
      for (const field of ["name", "alerts[].name"]) {
        const hostile = { ...file, profile: withValue(file.profile, field, value) };
        for (const path of ["/api/profiles/import", "/api/profiles/import/preview"]) {
          await refused(`${path} profile.${field}=${show(value)}`, path, hostile);
        }
      }
      // A lone surrogate has no UTF-8 form, so no URL carries it (it arrives as U+FFFD).
      if (!value.isWellFormed()) continue;
      const path = `/api/profiles/import?renameTo=${encodeURIComponent(value)}`;
      if (value === "") {
        // An empty renameTo is no new name: the file's name is taken, so it is refused (409).
        const res = await t.req("POST", path, taken);
        if (res.status !== 409) failures.push(`renameTo="" → ${res.status} ${await res.text()}`);
        else await res.body?.cancel();
      } else await refused(`renameTo=${show(value)}`, path, taken);
    }
    assertEquals(failures, []);
    assertEquals(await stateOf(t, ["/api/profiles"]), before, "a refused import made a profile");
    // The good file imports (so the refusals above were the names').
    assertEquals((await t.req("POST", "/api/profiles/import", file)).status, 201);
  });
});
