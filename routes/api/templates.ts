// /api/templates: list, read, create (from a config or an existing VM), update and delete.

import { templatesFor } from "../../lib/auth/redact.ts";
import { DeclaredApp, reply } from "../declare.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";
import {
  TemplateCreateBody,
  type TemplateInput,
  type TemplatePatch,
  TemplatePatchBody,
  type TemplateService,
} from "../../lib/templates/service.ts";
import type { VmConfig } from "../../shared/vms.ts";
import type { LinkedClone } from "../../lib/storage/linked.ts";

/** What the template routes need: the store-backed service and a way to read a VM's config. */
export interface TemplateRouteDeps {
  templates: TemplateService;
  /** The config of an existing VM (by id or name); throws AppError 404 when there is none. */
  configFromVm(id: string): Promise<Omit<VmConfig, "name">>;
  /** The linked clones of a base image on this host (lib/storage/linked.ts). */
  clonesOf(path: string): Promise<LinkedClone[]>;
}

export function templateRoutes(
  { templates, configFromVm, clonesOf }: TemplateRouteDeps,
): DeclaredApp {
  // Admins change templates; everyone signed in may read them.
  const app = new DeclaredApp({ access: "admin", writesStore: true });

  // Password hashes and user-data are for admins (who alone change templates); others see that
  // they are set.
  app.GET(
    "/",
    "List templates",
    { access: "read", answer: "VmTemplateViewList" },
    (c) => c.json(templatesFor(c.get("identity"), templates.list())),
  );

  app.GET(
    "/:id/linked",
    "The VMs made from a template as linked clones of its base image, on this host",
    { access: "read", answer: "VmTemplateLinkedClones" },
    async (c) => {
      const base = templates.get(c.req.param("id")).config.baseImagePath ?? null;
      const clones = base ? await clonesOf(base) : [];
      return c.json({ baseImagePath: base, clones });
    },
  );

  app.GET(
    "/:id",
    "One template",
    { access: "read", answer: "VmTemplateView" },
    (c) => c.json(templatesFor(c.get("identity"), [templates.get(c.req.param("id"))])[0]),
  );

  app.POST("/", "Create a template from a config or an existing VM", {
    body: { schema: TemplateCreateBody },
    responses: { 201: "The template" },
    answer: "VmTemplate",
  }, async (c) => {
    const { fromVm, ...body } = c.get("body");
    const config = fromVm === undefined ? body.config : await configFromVm(fromVm);
    return c.json(templates.create({ ...body, config } as TemplateInput), 201);
  });

  app.PUT("/:id", "Change a template", {
    body: { schema: TemplatePatchBody },
    answer: "VmTemplate",
  }, reply(({ id }, body: TemplatePatch) => templates.update(id, body)));

  app.DELETE("/:id", "Delete a template", { answer: "Ok" }, (c) => {
    templates.delete(c.req.param("id"));
    return c.json({ ok: true });
  });

  return app;
}
