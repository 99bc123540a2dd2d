// The profiles API (issue 10, after the profiles contract): /api/profiles for the profiles and
// their files, /api/vms/:id/profile and /api/vms/:id/policy for one VM's assignment and
// overrides. Errors are the contract's `{code, message, details}`.

import { Hono } from "hono";
import { AppError } from "../../lib/errors.ts";
import { profileError } from "../../lib/profiles/errors.ts";
import type { ProfileService } from "../../lib/profiles/service.ts";
import { profileFileFor, profileFor, vmPolicyFor } from "../../lib/auth/redact.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";

/** The request's text; IoError when the upload cannot be read to its end. */
async function bodyText(req: Request): Promise<string> {
  try {
    return await req.text();
  } catch (err) {
    // The body limit's 413 passes; anything else broke off the upload.
    if (err instanceof AppError) throw err;
    throw profileError(
      "IoError",
      `Could not read the uploaded file: ${(err as Error).message}`,
      {},
      400,
    );
  }
}

/** A JSON body; InvalidFormat when it is not JSON. */
async function jsonBody(req: Request): Promise<unknown> {
  const text = await bodyText(req);
  try {
    return JSON.parse(text);
  } catch {
    throw profileError("InvalidFormat", "Body is not valid JSON", { field: "body" });
  }
}

export function profileRoutes(profiles: ProfileService): Hono {
  const app = new Hono();

  app.get("/", (c) => c.json(profiles.list()));

  app.post("/", async (c) => c.json(await profiles.create(await jsonBody(c.req.raw)), 201));

  // Before /:id, which would take "import" as an id.
  app.post(
    "/import/preview",
    async (c) => c.json(profiles.previewImport(await bodyText(c.req.raw))),
  );

  app.post("/import", async (c) => {
    const text = await bodyText(c.req.raw);
    return c.json(profiles.import(text, c.req.query("renameTo")), 201);
  });

  // Webhook URLs of the alert rules are for admins: lib/auth/redact.ts.
  app.get(
    "/:id",
    async (c) => c.json(profileFor(c.get("identity"), await profiles.get(c.req.param("id")))),
  );

  app.patch(
    "/:id",
    async (c) => c.json(profiles.update(c.req.param("id"), await jsonBody(c.req.raw))),
  );

  app.delete("/:id", (c) => c.json(profiles.delete(c.req.param("id"))));

  app.get("/:id/export", async (c) => {
    const { fileName, file } = await profiles.exportFile(c.req.param("id"));
    return c.body(JSON.stringify(profileFileFor(c.get("identity"), file), null, 2) + "\n", 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
    });
  });

  return app;
}

/** Mounted on /api/vms: one VM's profile and policy. */
export function vmPolicyRoutes(profiles: ProfileService): Hono {
  const app = new Hono();

  app.put(
    "/:id/profile",
    async (c) => c.json(await profiles.assign(c.req.param("id"), await jsonBody(c.req.raw))),
  );

  app.delete("/:id/profile", async (c) => c.json(await profiles.unassign(c.req.param("id"))));

  app.get(
    "/:id/policy",
    async (c) => c.json(vmPolicyFor(c.get("identity"), await profiles.vmPolicy(c.req.param("id")))),
  );

  app.post(
    "/:id/policy/overrides",
    async (c) =>
      c.json(await profiles.addOverride(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );

  app.delete(
    "/:id/policy/overrides/:key",
    async (c) => c.json(await profiles.removeOverride(c.req.param("id"), c.req.param("key"))),
  );

  return app;
}
