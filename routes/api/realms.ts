// /api/realms (admins only): the directories users sign in through beside the host's accounts,
// and a preview of who a realm's role map lets in, read from the directory before saving.

import { z } from "zod";
import type { AuthService } from "../../lib/auth/service.ts";
import { checkRealmName, REALM_CODES, RealmBody } from "../../lib/auth/realms/input.ts";
import { DeclaredApp, reply } from "../declare.ts";

const NAME = {
  name: z.string().meta({ description: "The realm's name: users sign in as user@name" }),
};

export function realmRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true, params: NAME });
  const { realms } = auth;
  app.GET("/", "List sign-in realms (never a bind password)", {
    answer: "RealmList",
  }, reply(() => ({ realms: realms.list() })));
  app.PUT("/:name", "Create or replace a sign-in realm", {
    audit: "realm.put",
    body: { schema: RealmBody, ...REALM_CODES },
    answer: "RealmInfo",
  }, (c) => c.json(realms.put(c.req.param("name"), c.get("body"), c.get("identity").user)));
  app.DELETE("/:name", "Remove a sign-in realm: its users' sessions end", {
    audit: "realm.delete",
    answer: "Ok",
  }, (c) => {
    auth.deleteRealm(c.req.param("name"));
    return c.json({ ok: true });
  });
  // Reads the directory with the realm as saved, or as the body would save it (nothing is kept).
  app.POST("/:name/preview", "Who a realm's role map lets in, read from its directory now", {
    audit: null,
    writesStore: false,
    body: { schema: RealmBody.optional(), empty: undefined, ...REALM_CODES },
    answer: "RealmPreviewAnswer",
  }, async (c) => {
    const name = checkRealmName(c.req.param("name"));
    return c.json(await realms.preview(name, c.get("body")));
  });
  return app;
}
