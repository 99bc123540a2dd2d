// /api/templates: list, read, create (from a config or an existing VM), update and delete.

import { badRequest } from "../../lib/errors.ts";
import { jsonObjectBody } from "../body.ts";
import { templatesFor } from "../../lib/auth/redact.ts";
import { DeclaredApp } from "../declare.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";
import type { TemplateInput, TemplatePatch, TemplateService } from "../../lib/templates/service.ts";
import type { VmConfig } from "../../shared/vms.ts";

/** What the template routes need: the store-backed service and a way to read a VM's config. */
export interface TemplateRouteDeps {
  templates: TemplateService;
  /** The config of an existing VM (by id or name); throws AppError 404 when there is none. */
  configFromVm(id: string): Promise<Omit<VmConfig, "name">>;
}

export function templateRoutes({ templates, configFromVm }: TemplateRouteDeps): DeclaredApp {
  const app = new DeclaredApp();

  // Password hashes and user-data are for admins (who alone change templates); others see that
  // they are set.
  app.api(
    { method: "get", path: "/", summary: "List templates", access: "read" },
    (c) => c.json(templatesFor(c.get("identity"), templates.list())),
  );

  app.api(
    { method: "get", path: "/:id", summary: "One template", access: "read" },
    (c) => c.json(templatesFor(c.get("identity"), [templates.get(c.req.param("id"))])[0]),
  );

  app.api({
    method: "post",
    path: "/",
    summary: "Create a template from a config or an existing VM",
    access: "admin",
    writesStore: true,
    body: { description: "{name, description?, config} or {name, description?, fromVm}" },
    responses: { 201: "The template" },
  }, async (c) => {
    const body = await jsonObjectBody(c.req.raw);
    if (body.fromVm !== undefined) {
      if (body.config !== undefined) throw badRequest("Give either config or fromVm, not both");
      if (typeof body.fromVm !== "string" || body.fromVm === "") {
        throw badRequest("fromVm must be a VM id or name");
      }
      body.config = await configFromVm(body.fromVm);
    }
    const template = templates.create(body as unknown as TemplateInput);
    return c.json(template, 201);
  });

  app.api({
    method: "put",
    path: "/:id",
    summary: "Change a template",
    access: "admin",
    writesStore: true,
    body: { description: "any of {name, description, config}" },
  }, async (c) => {
    const body = await jsonObjectBody(c.req.raw);
    return c.json(templates.update(c.req.param("id"), body as TemplatePatch));
  });

  app.api(
    {
      method: "delete",
      path: "/:id",
      summary: "Delete a template",
      access: "admin",
      writesStore: true,
    },
    (c) => {
      templates.delete(c.req.param("id"));
      return c.json({ ok: true });
    },
  );

  return app;
}
