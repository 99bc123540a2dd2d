// /api/tokens and /api/users (admins only, see lib/auth/permissions.ts): API tokens for scripts,
// and the roles assigned to host accounts.

import { Hono } from "hono";
import type { AuthService } from "../../lib/auth/service.ts";
import type { Role } from "../../shared/auth.ts";
import { parseVms } from "../../lib/auth/vm_scope.ts";
import { AppError } from "../../lib/errors.ts";
import { jsonBody } from "../body.ts";

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("INVALID_INPUT", "Body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

export function tokenRoutes(auth: AuthService): Hono {
  const app = new Hono();
  // Each with the role it acts with now: the lower of its own and its owner's current one.
  app.get("/", async (c) => c.json({ tokens: await auth.listTokens() }));
  // The secret is in this answer only; it cannot be read again.
  app.post("/", async (c) => {
    const body = objectBody(await jsonBody(c.req.raw));
    const created = auth.createToken(c.get("identity"), {
      name: body.name as string,
      role: body.role as Role,
      vms: parseVms(body.vms),
    });
    return c.json(created, 201);
  });
  app.delete("/:id", (c) => c.json({ token: auth.tokens.revoke(c.req.param("id")) }));
  return app;
}

export function userRoutes(auth: AuthService): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const sessions = auth.sessions.countByUser();
    const s = auth.settings;
    return c.json({
      assignments: auth.access.list().map((a) => ({ ...a, sessions: sessions.get(a.user) ?? 0 })),
      sessions: Object.fromEntries(sessions),
      groups: { admin: s.adminGroups, operator: s.operatorGroups, viewer: s.viewerGroups },
    });
  });
  app.put("/:user", async (c) => {
    const body = objectBody(await jsonBody(c.req.raw));
    const user = c.req.param("user");
    if (user === c.get("identity").user) {
      throw new AppError("INVALID_INPUT", "You cannot change your own role");
    }
    return c.json(auth.assign(user, body.role, parseVms(body.vms), c.get("identity").user));
  });
  app.delete("/:user", (c) => {
    auth.unassign(c.req.param("user"));
    return c.json({ ok: true });
  });
  return app;
}
