import { AppError } from "../errors.ts";
import { Store } from "../store.ts";
import { TEMPLATE_NAME_RULE, TemplateService } from "./service.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";

const BASE = {
  cpuCount: 2,
  memoryMb: 1024,
  diskSizeGb: 20,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
} as const;

/** BASE as the validator returns it: the defaults filled in. */
const BASE_STORED = { ...BASE, storagePool: "default", diskBus: "virtio", firmware: "bios" };

function withService(fn: (templates: TemplateService, store: Store) => void) {
  using store = Store.open(":memory:");
  fn(new TemplateService(store), store);
}

function throwsAppError(fn: () => unknown, status: number, code: string, message: string) {
  try {
    fn();
  } catch (err) {
    assert(err instanceof AppError, `expected an AppError, got ${err}`);
    assertEquals({ status: err.status, code: err.code, message: err.message }, {
      status,
      code,
      message,
    });
    return;
  }
  throw new Error(`expected AppError ${code}: ${message}`);
}

const invalid = (fn: () => unknown, message: string) =>
  throwsAppError(fn, 400, "INVALID_TEMPLATE", message);

Deno.test("templates - create, get, list, update and delete", () => {
  withService((templates) => {
    const web = templates.create({ name: "web", description: "Small web server", config: BASE });
    assertMatch(web.id, /^[0-9a-f-]{36}$/);
    assertEquals(web.name, "web");
    assertEquals(web.description, "Small web server");
    assertEquals(web.config, BASE_STORED);
    assertEquals(web.createdAt, web.updatedAt);
    assert(Math.abs(web.createdAt - Date.now()) < 5000);
    assertEquals(templates.get(web.id), web);

    const db = templates.create({ name: "Database", config: { ...BASE, memoryMb: 4096 } });
    assertEquals(db.description, "");
    const api = templates.create({ name: "api", config: BASE });
    assertEquals(templates.list().map((t) => t.name), ["api", "Database", "web"]);

    const bigger = templates.update(web.id, { config: { ...BASE, cpuCount: 4 } });
    assertEquals(bigger.config.cpuCount, 4);
    assertEquals(bigger.name, "web");
    assertEquals(bigger.description, "Small web server");
    assertEquals(bigger.createdAt, web.createdAt);
    assert(bigger.updatedAt >= web.updatedAt);
    assertEquals(templates.get(web.id), bigger);

    const renamed = templates.update(web.id, { name: "frontend", description: "" });
    assertEquals([renamed.name, renamed.description, renamed.config.cpuCount], ["frontend", "", 4]);

    templates.delete(api.id);
    assertEquals(templates.list().map((t) => t.id), [db.id, web.id]);
  });
});

Deno.test("templates - names keep the shared name rule, as typed (no space at either end)", () => {
  withService((templates) => {
    assertEquals(templates.create({ name: "x".repeat(64), config: BASE }).name.length, 64);
    assertEquals(templates.create({ name: "web-01", config: BASE }).name, "web-01");
    assertEquals(
      templates.create({ name: "Debian 12 (base)", config: BASE }).name,
      "Debian 12 (base)",
    );
    const bad = [
      "",
      "   ",
      "  padded  ",
      "\ufeffbom",
      "x".repeat(65),
      "tab\there",
      "bell\x07",
      "del\x7f",
      "web\n",
      42,
      null,
    ];
    for (const name of [...bad, "-x", ".x", "../x", "a/b", "</name>", "<b>", "rtl\u202etxt"]) {
      invalid(() => templates.create({ name: name as string, config: BASE }), TEMPLATE_NAME_RULE);
    }
    invalid(() => templates.update(templates.list()[0].id, { name: "../x" }), TEMPLATE_NAME_RULE);
    assertEquals(
      TEMPLATE_NAME_RULE,
      "Invalid template name: use 1-64 characters, not starting with '-' or '.', without '/', " +
        "'<', '>', invisible or control characters, nor a space at either end",
    );
  });
});

Deno.test("templates - description is text of at most 4096 characters", () => {
  withService((templates) => {
    const words = "Description must be text of at most 4096 characters";
    assertEquals(
      templates.create({ name: "a", description: "d".repeat(4096), config: BASE })
        .description.length,
      4096,
    );
    invalid(
      () => templates.create({ name: "b", description: "d".repeat(4097), config: BASE }),
      words,
    );
    invalid(() => templates.create({ name: "c", description: 7 as never, config: BASE }), words);
  });
});

Deno.test("templates - config must be an object that passes the VM rules", () => {
  withService((templates) => {
    const create = (config: unknown) => () =>
      templates.create({ name: "t", config: config as Record<string, unknown> });
    const notObject = "Template config must be a JSON object";
    invalid(create(undefined), notObject);
    invalid(create(null), notObject);
    invalid(create([BASE]), notObject);
    invalid(create("big"), notObject);
    invalid(create({ ...BASE, cpuCount: 0 }), "Invalid CPU count: 0 (must be 1-256)");
    invalid(create({ ...BASE, memoryMb: 64 }), "Invalid memory size: 64 MiB (minimum 128 MiB)");
    invalid(
      create({ ...BASE, osType: "bsd" }),
      "Invalid OS type: bsd (must be linux, windows or other)",
    );
    invalid(create({ ...BASE, diskSizeGb: 0 }), "Invalid disk size: 0 GiB (minimum 1 GiB)");
    invalid(
      create({ ...BASE, diskFormat: "vmdk" }),
      "Invalid disk format: vmdk (must be qcow2 or raw)",
    );
    invalid(create({ ...BASE, isoPath: "relative.iso" }), "ISO file not found: relative.iso");
    invalid(create({ ...BASE, secureBoot: true }), "Secure Boot needs UEFI firmware");
    // Two problems: the first one is reported.
    invalid(create({ ...BASE, cpuCount: 0, memoryMb: 64 }), "Invalid CPU count: 0 (must be 1-256)");
    assertEquals(templates.list(), []);
  });
});

Deno.test("templates - a name inside the config is dropped, valid or not", () => {
  withService((templates) => {
    const a = templates.create({ name: "a", config: { ...BASE, name: "web-01" } });
    const b = templates.create({ name: "b", config: { ...BASE, name: "not a valid VM name!" } });
    assertEquals(a.config, BASE_STORED);
    assertEquals(b.config, BASE_STORED);
    assert(!("name" in templates.get(b.id).config));
  });
});

Deno.test("templates - a duplicate name is 409, on create and on rename", () => {
  withService((templates) => {
    const web = templates.create({ name: "web", config: BASE });
    const db = templates.create({ name: "db", config: BASE });
    const exists = (name: string) => `Template name already exists: ${name}`;
    throwsAppError(
      () => templates.create({ name: "web", config: BASE }),
      409,
      "TEMPLATE_NAME_EXISTS",
      exists("web"),
    );
    throwsAppError(
      () => templates.update(db.id, { name: "web" }),
      409,
      "TEMPLATE_NAME_EXISTS",
      exists("web"),
    );
    assertEquals(templates.update(web.id, { name: "web" }).name, "web"); // its own name is fine
    assertEquals(templates.list().map((t) => t.name), ["db", "web"]);
  });
});

Deno.test("templates - an unknown id is 404 for get, update and delete", () => {
  withService((templates) => {
    const missing = "Template not found: nope";
    throwsAppError(() => templates.get("nope"), 404, "TEMPLATE_NOT_FOUND", missing);
    throwsAppError(
      () => templates.update("nope", { name: "x" }),
      404,
      "TEMPLATE_NOT_FOUND",
      missing,
    );
    throwsAppError(() => templates.delete("nope"), 404, "TEMPLATE_NOT_FOUND", missing);
  });
});

Deno.test("templates - update validates the result and leaves the template as it was", () => {
  withService((templates) => {
    const web = templates.create({ name: "web", description: "keep", config: BASE });
    invalid(() => templates.update(web.id, { name: "" }), TEMPLATE_NAME_RULE);
    invalid(
      () => templates.update(web.id, { config: { ...BASE, cpuCount: 0 } }),
      "Invalid CPU count: 0 (must be 1-256)",
    );
    invalid(
      () => templates.update(web.id, { config: null as never }),
      "Template config must be a JSON object",
    );
    invalid(
      () => templates.update(web.id, { description: "d".repeat(4097) }),
      "Description must be text of at most 4096 characters",
    );
    assertEquals(templates.get(web.id), web);
  });
});

Deno.test("templates - templates outlive the service: the config round-trips through JSON", () => {
  withService((templates, store) => {
    const config = {
      ...BASE,
      firmware: "uefi",
      secureBoot: true,
      cloudInit: { user: "ops", sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvX ops@host"] },
    };
    const t = templates.create({ name: "uefi", config });
    assertEquals(new TemplateService(store).get(t.id), t);
    assertEquals(t.config.cloudInit?.user, "ops");
  });
});
