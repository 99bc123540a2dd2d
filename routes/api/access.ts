// /api/tokens and /api/users (admins only): API tokens for scripts, and the roles assigned to
// host accounts.

import { z } from "zod";
import type { AuthService } from "../../lib/auth/service.ts";
import { AssignBody, AUTH_CODES, RotateBody, TokenBody } from "../../lib/auth/input.ts";
import { parseVms } from "../../lib/auth/vm_scope.ts";
import { AppError } from "../../lib/errors.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";

/** What both apps' routes share: admins only, and what they change is kept in the store. */
const ADMIN = { access: "admin", writesStore: true } as const;

export function tokenRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp(ADMIN);
  // Each with the role it acts with now: the lower of its own and its owner's current one.
  app.GET("/", "List API tokens", {
    answer: "ApiTokenList",
  }, reply(async () => ({ tokens: await auth.listTokens() })));
  // The secret is in this answer only; it cannot be read again.
  app.POST("/", "Create an API token", {
    body: { schema: TokenBody, ...AUTH_CODES },
    responses: { 201: "The token, with its secret (shown this once)" },
    answer: "ApiTokenCreated",
  }, (c) => {
    const { name, role, vms, expiresInDays } = c.get("body");
    return c.json(
      auth.createToken(c.get("identity"), { name, role, vms: parseVms(vms), expiresInDays }),
      201,
    );
  });
  app.DELETE(
    "/:id",
    "Revoke an API token",
    { audit: "token.revoke", answer: "ApiTokenRevoked" },
    (c) => c.json({ token: auth.revokeToken(c.get("identity"), c.req.param("id")) }),
  );
  // Admins, each their own tokens (AuthService.rotateToken). The new secret is in this answer only.
  app.POST(
    "/:id/rotate",
    "Give an API token a new secret, the old one kept for a grace period",
    {
      audit: "token.rotate",
      body: { schema: RotateBody, empty: {}, ...AUTH_CODES },
      responses: { 200: "The token, with its new secret (shown this once)" },
      answer: "ApiTokenCreated",
    },
    (c) =>
      c.json(auth.rotateToken(c.get("identity"), c.req.param("id"), c.get("body").graceSeconds)),
  );
  return app;
}

const USER = { user: z.string().meta({ description: "Host account name" }) };

export function userRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp({ ...ADMIN, params: USER });
  app.GET("/", "Role assignments, sessions per user and the role groups", {
    answer: "UsersOverview",
  }, (c) => {
    const sessions = auth.sessions.countByUser();
    const s = auth.settings;
    return c.json({
      assignments: auth.access.list().map((a) => ({ ...a, sessions: sessions.get(a.user) ?? 0 })),
      sessions: Object.fromEntries(sessions),
      groups: { admin: s.adminGroups, operator: s.operatorGroups, viewer: s.viewerGroups },
    });
  });
  app.PUT("/:user", "Assign a host account a role (and, for operators, VMs)", {
    audit: "user.assign",
    body: { schema: AssignBody, ...AUTH_CODES },
    answer: "RoleAssignment",
  }, (c) => {
    const { role, vms } = c.get("body");
    const user = c.req.param("user");
    if (user === c.get("identity").user) {
      throw new AppError("INVALID_INPUT", t("You cannot change your own role"));
    }
    return c.json(auth.assign(user, role, parseVms(vms), c.get("identity").user));
  });
  app.DELETE(
    "/:user",
    "Remove a host account's role assignment",
    { audit: "user.unassign", answer: "Ok" },
    (c) => {
      auth.unassign(c.req.param("user"));
      return c.json({ ok: true });
    },
  );
  return app;
}
