// The profiles API (issue 10, after the profiles contract): /api/profiles for the profiles and
// their files, /api/vms/:id/profile and /api/vms/:id/policy for one VM's assignment and
// overrides. Errors are the contract's `{code, message, details}`.

import { z } from "zod";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";
import { profileError } from "../../lib/profiles/errors.ts";
import {
  AssignBody,
  assignRefusal,
  notJson,
  ProfileCreateBody,
  ProfilePatchBody,
  profileRefusal,
  SettingBody,
} from "../../lib/profiles/input.ts";
import type { ProfileService } from "../../lib/profiles/service.ts";
import { profileFileFor, profileFor, vmPolicyFor } from "../../lib/auth/redact.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import { t } from "../../shared/i18n/t.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";

/** The request's text; IoError when the upload cannot be read to its end. */
async function bodyText(req: { text(): Promise<string> }): Promise<string> {
  try {
    return await req.text();
  } catch (err) {
    // The body limit's 413 passes; anything else broke off the upload.
    if (err instanceof AppError) throw err;
    throw profileError(
      "IoError",
      t("Could not read the uploaded file: {{error}}", { error: (err as Error).message }),
      {},
      400,
    );
  }
}

/**
 * Reads a request's body before the route does (Hono keeps the text for its reader), so an upload
 * broken off is IoError on every route of the contract, as for its files.
 */
function readsUpload(): MiddlewareHandler {
  return async function readUpload(c, next) {
    if (["POST", "PUT", "PATCH"].includes(c.req.method)) await bodyText(c.req);
    await next();
  };
}

// Bodies are the schemas of lib/profiles/input.ts, refused in the contract's words: `details`
// names the field, a body that is not JSON is InvalidFormat. A change and an override are
// checked by the service (`check: false`): the profile or VM they name is looked up first, so a
// missing one is 404 whatever the body.

export function profileRoutes(profiles: ProfileService): DeclaredApp {
  // Admins change profiles; everyone signed in may read them.
  const app = new DeclaredApp({ access: "admin", writesStore: true });
  app.use("*", readsUpload());

  app.GET("/", "List profiles", {
    access: "read",
    answer: "ProfileList",
  }, reply(() => profiles.list()));

  app.POST("/", "Create a profile", {
    body: { schema: ProfileCreateBody, refuse: profileRefusal, malformed: notJson },
    responses: { 201: "The profile" },
    answer: "ProfileDetails",
  }, reply((_, body) => profiles.create(body)));

  // Before /:id, which would take "import" as an id.
  app.POST(
    "/import/preview",
    "Read a profile file and say what importing it would do (changes nothing)",
    {
      audit: null,
      writesStore: false,
      body: { description: "a profile file, as an export gives it" },
      answer: "ProfileImportPreview",
    },
    async (c) => c.json(profiles.previewImport(await bodyText(c.req))),
  );

  app.POST("/import", "Import a profile file as a new profile", {
    audit: "profile.import",
    query: {
      renameTo: z.string().optional().meta({
        description: "The new profile's name, when the file's is taken",
      }),
    },
    body: { description: "a profile file, as an export gives it" },
    responses: { 201: "The imported profile" },
    answer: "ProfileImported",
  }, async (c) => {
    const text = await bodyText(c.req);
    return c.json(profiles.import(text, c.req.query("renameTo")), 201);
  });

  // Webhook URLs of the alert rules are for admins: lib/auth/redact.ts.
  app.GET(
    "/:id",
    "One profile, with its VMs",
    { access: "read", answer: "ProfileDetails" },
    async (c) => c.json(profileFor(c.get("identity"), await profiles.get(c.req.param("id")))),
  );

  app.PATCH("/:id", "Change a profile (its VMs follow)", {
    body: { schema: ProfilePatchBody, check: false, malformed: notJson },
    answer: "ProfileUpdated",
  }, reply(({ id }, body) => profiles.update(id, body)));

  app.DELETE("/:id", "Delete a profile (its VMs keep its settings as local overrides)", {
    answer: "ProfileDeleted",
  }, reply(({ id }) => profiles.delete(id)));

  app.GET("/:id/export", "Download a profile as a file", {
    access: "read",
    responses: {
      200: { description: "The profile file (JSON, as an attachment)", schema: "ProfileFile" },
    },
  }, async (c) => {
    const { fileName, file } = await profiles.exportFile(c.req.param("id"));
    return c.body(JSON.stringify(profileFileFor(c.get("identity"), file), null, 2) + "\n", 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
    });
  });

  return app;
}

/** Mounted on /api/vms: one VM's profile and policy. */
export function vmPolicyRoutes(profiles: ProfileService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true, params: VM_ID });
  app.use("/:id/profile", readsUpload());
  app.use("/:id/policy/overrides", readsUpload());

  app.PUT("/:id/profile", "Assign a profile to a VM", {
    audit: "profile.assign",
    body: { schema: AssignBody, refuse: assignRefusal, malformed: notJson },
    answer: "ProfileAssigned",
  }, reply(({ id }, body) => profiles.assign(id, body)));

  app.DELETE("/:id/profile", "Unassign a VM's profile", {
    audit: "profile.unassign",
    answer: "ProfileUnassigned",
  }, reply(({ id }) => profiles.unassign(id)));

  app.GET(
    "/:id/policy",
    "A VM's effective policy: its profile's settings and its local overrides",
    { access: "read", answer: "VmPolicy" },
    async (c) => c.json(vmPolicyFor(c.get("identity"), await profiles.vmPolicy(c.req.param("id")))),
  );

  app.POST(
    "/:id/policy/overrides",
    "Add a local setting to a VM, over its profile's",
    {
      audit: "policy.override-add",
      body: { schema: SettingBody, check: false, malformed: notJson },
      responses: { 201: "{vmId, key, addedAt}" },
      answer: "PolicyOverrideAdded",
    },
    reply(({ id }, body) => profiles.addOverride(id, body)),
  );

  app.DELETE("/:id/policy/overrides/:key", "Remove a local setting from a VM", {
    audit: "policy.override-remove",
    params: {
      key: z.string().meta({ description: "agent, backup, alert:<name> or tag:<tag>" }),
    },
    answer: "PolicyOverrideRemoved",
  }, reply(({ id, key }) => profiles.removeOverride(id, key)));

  return app;
}
