// /api/tokens and /api/users (admins only: each route declares `access: "admin"`): API tokens for scripts,
// and the roles assigned to host accounts.

import { z } from "zod";
import type { AuthService } from "../../lib/auth/service.ts";
import type { Role } from "../../shared/auth.ts";
import { parseVms } from "../../lib/auth/vm_scope.ts";
import { AppError } from "../../lib/errors.ts";
import { jsonBody } from "../body.ts";
import { DeclaredApp } from "../declare.ts";

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("INVALID_INPUT", "Body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

export function tokenRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp();
  // Each with the role it acts with now: the lower of its own and its owner's current one.
  app.api(
    { method: "get", path: "/", summary: "List API tokens", access: "admin" },
    async (c) => c.json({ tokens: await auth.listTokens() }),
  );
  // The secret is in this answer only; it cannot be read again.
  app.api({
    method: "post",
    path: "/",
    summary: "Create an API token",
    access: "admin",
    writesStore: true,
    body: { description: '{name, role, vms?} (vms: "*" or a list of VM UUIDs)' },
    responses: { 201: "The token, with its secret (shown this once)" },
  }, async (c) => {
    const body = objectBody(await jsonBody(c.req.raw));
    const created = auth.createToken(c.get("identity"), {
      name: body.name as string,
      role: body.role as Role,
      vms: parseVms(body.vms),
    });
    return c.json(created, 201);
  });
  app.api(
    {
      method: "delete",
      path: "/:id",
      summary: "Revoke an API token",
      access: "admin",
      audit: "token.revoke",
      writesStore: true,
    },
    (c) => c.json({ token: auth.tokens.revoke(c.req.param("id")) }),
  );
  return app;
}

const USER = { user: z.string().meta({ description: "Host account name" }) };

export function userRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp();
  app.api({
    method: "get",
    path: "/",
    summary: "Role assignments, sessions per user and the role groups",
    access: "admin",
  }, (c) => {
    const sessions = auth.sessions.countByUser();
    const s = auth.settings;
    return c.json({
      assignments: auth.access.list().map((a) => ({ ...a, sessions: sessions.get(a.user) ?? 0 })),
      sessions: Object.fromEntries(sessions),
      groups: { admin: s.adminGroups, operator: s.operatorGroups, viewer: s.viewerGroups },
    });
  });
  app.api({
    method: "put",
    path: "/:user",
    summary: "Assign a host account a role (and, for operators, VMs)",
    access: "admin",
    audit: "user.assign",
    writesStore: true,
    params: USER,
    body: { description: '{role, vms?} (vms: "*" or a list of VM UUIDs)' },
  }, async (c) => {
    const body = objectBody(await jsonBody(c.req.raw));
    const user = c.req.param("user");
    if (user === c.get("identity").user) {
      throw new AppError("INVALID_INPUT", "You cannot change your own role");
    }
    return c.json(auth.assign(user, body.role, parseVms(body.vms), c.get("identity").user));
  });
  app.api({
    method: "delete",
    path: "/:user",
    summary: "Remove a host account's role assignment",
    access: "admin",
    audit: "user.unassign",
    writesStore: true,
    params: USER,
  }, (c) => {
    auth.unassign(c.req.param("user"));
    return c.json({ ok: true });
  });
  return app;
}
