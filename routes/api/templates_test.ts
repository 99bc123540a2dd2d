import { Hono } from "hono";
import { AppError, vmNotFound } from "../../lib/errors.ts";
import { Store } from "../../lib/store.ts";
import { TEMPLATE_NAME_RULE, TemplateService } from "../../lib/templates/service.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { VmTemplate } from "../../shared/templates.ts";
import type { VmConfig } from "../../shared/vms.ts";
import { templateRoutes } from "./templates.ts";

const BASE = {
  cpuCount: 2,
  memoryMb: 1024,
  diskSizeGb: 20,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
} as const;
const DEFAULTS = { storagePool: "default", diskBus: "virtio", firmware: "bios" } as const;

/** The config the fake VM service reports for the VM "web". */
const WEB_CONFIG: Omit<VmConfig, "name"> = { ...BASE, cpuCount: 4, osVariant: "debian12" };

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

/**
 * The template routes under /api/templates with routes/app.ts's AppError handling, over an
 * in-memory store. `configFromVm` is the seam to the VM service, faked here.
 */
async function withTemplateApp(fn: (req: Req, asked: string[]) => Promise<void>) {
  using store = Store.open(":memory:");
  const asked: string[] = [];
  const app = new Hono();
  app.route(
    "/api/templates",
    templateRoutes({
      templates: new TemplateService(store),
      configFromVm: (id) => {
        asked.push(id);
        return id === "web" ? Promise.resolve(WEB_CONFIG) : Promise.reject(vmNotFound(id));
      },
      clonesOf: (path) =>
        Promise.resolve(
          path === "/pool/base.qcow2"
            ? [{ name: "vm1.qcow2", path: "/pool/vm1.qcow2", vms: ["vm1"] }]
            : [],
        ),
    }),
  );
  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json({ code: err.code, message: err.message } satisfies ApiError, err.status as 400);
    }
    return c.json({ code: "INTERNAL_ERROR", message: `Internal error: ${err.message}` }, 500);
  });
  const req: Req = (method, path, body) =>
    Promise.resolve(app.request(`http://localhost${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }));
  await fn(req, asked);
}

async function expectError(res: Response, status: number, code: string, message: string) {
  assertEquals(res.status, status);
  assertEquals(await res.json(), { code, message });
}

Deno.test("templates - create from a config, then list, get, update and delete", async () => {
  await withTemplateApp(async (req) => {
    assertEquals(await (await req("GET", "/api/templates")).json(), []);

    const res = await req("POST", "/api/templates", { name: "small", config: BASE });
    assertEquals(res.status, 201);
    const small: VmTemplate = await res.json();
    assertMatch(small.id, /^[0-9a-f-]{36}$/);
    assertEquals([small.name, small.description], ["small", ""]);
    assertEquals(small.config, { ...BASE, ...DEFAULTS });
    assert(small.createdAt > 0 && small.updatedAt === small.createdAt);

    const big: VmTemplate = await (await req("POST", "/api/templates", {
      name: "big",
      description: "For databases",
      config: { ...BASE, memoryMb: 8192 },
    })).json();
    const list: VmTemplate[] = await (await req("GET", "/api/templates")).json();
    assertEquals(list.map((t) => t.name), ["big", "small"]);

    const got = await req("GET", `/api/templates/${small.id}`);
    assertEquals(got.status, 200);
    assertEquals(await got.json(), small);

    const put = await req("PUT", `/api/templates/${small.id}`, {
      description: "One CPU",
      config: { ...BASE, cpuCount: 1 },
    });
    assertEquals(put.status, 200);
    const updated: VmTemplate = await put.json();
    assertEquals([updated.name, updated.description, updated.config.cpuCount], [
      "small",
      "One CPU",
      1,
    ]);
    assertEquals(await (await req("GET", `/api/templates/${small.id}`)).json(), updated);

    const del = await req("DELETE", `/api/templates/${big.id}`);
    assertEquals([del.status, await del.json()], [200, { ok: true }]);
    const after: VmTemplate[] = await (await req("GET", "/api/templates")).json();
    assertEquals(after.map((t) => t.id), [small.id]);
  });
});

Deno.test("templates - a cloud-init password in clear is kept only as its SHA-512 crypt hash", async () => {
  await withTemplateApp(async (req) => {
    const config = { ...BASE, cloudInit: { user: "deploy", password: "tpl secret 1" } };
    const res = await req("POST", "/api/templates", { name: "with-password", config });
    assertEquals(res.status, 201);
    const text = await res.text();
    assert(!text.includes("tpl secret 1"), text);
    const made: VmTemplate = JSON.parse(text);
    const ci = made.config.cloudInit!;
    assertEquals(Object.keys(ci).sort(), ["passwordHash", "user"]);
    assertMatch(ci.passwordHash!, /^\$6\$[^$]{16}\$/);
    const list = await (await req("GET", "/api/templates")).text();
    assert(!list.includes("tpl secret 1"), list);
  });
});

Deno.test("templates - a template with a base image lists its linked clones; one without, none", async () => {
  await withTemplateApp(async (req) => {
    const linked: VmTemplate = await (await req("POST", "/api/templates", {
      name: "linked",
      config: { ...BASE, baseImagePath: "/pool/base.qcow2" },
    })).json();
    assertEquals(await (await req("GET", `/api/templates/${linked.id}/linked`)).json(), {
      baseImagePath: "/pool/base.qcow2",
      clones: [{ name: "vm1.qcow2", path: "/pool/vm1.qcow2", vms: ["vm1"] }],
    });
    const plain: VmTemplate = await (await req("POST", "/api/templates", {
      name: "plain",
      config: BASE,
    })).json();
    assertEquals(await (await req("GET", `/api/templates/${plain.id}/linked`)).json(), {
      baseImagePath: null,
      clones: [],
    });
  });
});

Deno.test("templates - create from an existing VM copies its config", async () => {
  await withTemplateApp(async (req, asked) => {
    const res = await req("POST", "/api/templates", { name: "like-web", fromVm: "web" });
    assertEquals(res.status, 201);
    const t: VmTemplate = await res.json();
    assertEquals(asked, ["web"]);
    assertEquals(t.config, { ...WEB_CONFIG, ...DEFAULTS });

    await expectError(
      await req("POST", "/api/templates", { name: "ghost", fromVm: "x" }),
      404,
      "VM_NOT_FOUND",
      "VM not found: x",
    );
    await expectError(
      await req("POST", "/api/templates", { name: "both", fromVm: "web", config: BASE }),
      400,
      "BAD_REQUEST",
      "Give either config or fromVm, not both",
    );
    await expectError(
      await req("POST", "/api/templates", { name: "empty", fromVm: "" }),
      400,
      "BAD_REQUEST",
      "fromVm must be a VM id or name",
    );
    assertEquals(asked, ["web", "x"]);
  });
});

Deno.test("templates - malformed and non-object bodies are 400", async () => {
  await withTemplateApp(async (req) => {
    const malformed = ["BAD_REQUEST", "Malformed JSON body"] as const;
    await expectError(await req("POST", "/api/templates", "{name:"), 400, ...malformed);
    await expectError(await req("POST", "/api/templates", ""), 400, ...malformed);
    await expectError(await req("PUT", "/api/templates/any", "}{"), 400, ...malformed);
    for (const body of ["[1]", "null", '"web"', "3"]) {
      await expectError(
        await req("POST", "/api/templates", body),
        400,
        "BAD_REQUEST",
        "Body must be a JSON object",
      );
    }
  });
});

Deno.test("templates - validation errors and duplicates come back in the API's words", async () => {
  await withTemplateApp(async (req) => {
    await expectError(
      await req("POST", "/api/templates", { name: "", config: BASE }),
      400,
      "INVALID_TEMPLATE",
      TEMPLATE_NAME_RULE,
    );
    await expectError(
      await req("POST", "/api/templates", { name: "t" }),
      400,
      "INVALID_TEMPLATE",
      "Template config must be a JSON object",
    );
    await expectError(
      await req("POST", "/api/templates", { name: "t", config: { ...BASE, cpuCount: 0 } }),
      400,
      "INVALID_TEMPLATE",
      "Invalid CPU count: 0 (must be 1-256)",
    );
    const first: VmTemplate =
      await (await req("POST", "/api/templates", { name: "web", config: BASE }))
        .json();
    const other: VmTemplate =
      await (await req("POST", "/api/templates", { name: "db", config: BASE }))
        .json();
    const exists = ["TEMPLATE_NAME_EXISTS", "Template name already exists: web"] as const;
    await expectError(
      await req("POST", "/api/templates", { name: "web", config: BASE }),
      409,
      ...exists,
    );
    await expectError(
      await req("PUT", `/api/templates/${other.id}`, { name: "web" }),
      409,
      ...exists,
    );
    await expectError(
      await req("PUT", `/api/templates/${first.id}`, { config: { ...BASE, memoryMb: 1 } }),
      400,
      "INVALID_TEMPLATE",
      "Invalid memory size: 1 MiB (minimum 128 MiB)",
    );
  });
});

Deno.test("templates - an unknown id is 404 on every route", async () => {
  await withTemplateApp(async (req) => {
    const missing = ["TEMPLATE_NOT_FOUND", "Template not found: nope"] as const;
    await expectError(await req("GET", "/api/templates/nope"), 404, ...missing);
    await expectError(await req("PUT", "/api/templates/nope", { name: "x" }), 404, ...missing);
    await expectError(await req("DELETE", "/api/templates/nope"), 404, ...missing);
  });
});
