// A feature plugged in by its declaration alone (issue 59: a new feature is its folder plus one
// line in routes/features.ts): one that only this test declares is made on its first request,
// its routes are guarded, audited, told as tasks in its own titles and in the API document.

import { z } from "zod";
import type { FeatureParts } from "../lib/context.ts";
import { feature } from "../lib/feature.ts";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import { DeclaredApp } from "./declare.ts";
import { FEATURES } from "./features.ts";
import { plug } from "./plug.ts";

/** A feature's services: greetings counted per host. */
class Greetings {
  sent = 0;
  constructor(readonly host: string) {}
  send(): { host: string; sent: number } {
    return { host: this.host, sent: ++this.sent };
  }
}

const Greeted = z.object({ host: z.string(), sent: z.number() }).strict();

const greetingFeature = plug(
  feature({
    name: "greetings",
    scope: "host",
    make: ({ hostId }: FeatureParts) => ({ services: new Greetings(hostId) }),
    titles: { "greeting.send": "Send a greeting" },
  }),
  {
    mount: "/api/greetings",
    routes: (greetings: Greetings) => {
      const app = new DeclaredApp({ access: "admin", writesStore: false });
      app.GET("/", "How many greetings were sent", {
        access: "read",
        answer: Greeted,
      }, (c) => c.json({ host: greetings.host, sent: greetings.sent }));
      app.POST("/", "Send a greeting", {
        audit: "greeting.send",
        answer: Greeted,
      }, (c) => c.json(greetings.send()));
      return app;
    },
  },
);

Deno.test("plugged features - one declared only here is served, guarded and told as tasks", async () => {
  await withTestApp(
    async ({ app, req, tokenFor, ctx }) => {
      assert(!ctx.features.made.includes("greetings"), "not made before its first use");
      const as = (token: string, method: string) =>
        app.request("http://localhost/api/greetings", {
          method,
          headers: { authorization: `Bearer ${token}` },
        });
      const viewer = tokenFor("viewer");
      assertEquals(await (await as(viewer, "GET")).json(), { host: "local", sent: 0 });
      assert(ctx.features.made.includes("greetings"), "its first request made it");
      assertEquals((await as(viewer, "POST")).status, 403, "an admin route refuses a viewer");

      const sent = await req("POST", "/api/greetings");
      assertEquals(await sent.json(), { host: "local", sent: 1 });
      const [task] = await (await req("GET", "/api/tasks")).json();
      assertEquals([task.action, task.title, task.status], [
        "greeting.send",
        "Send a greeting",
        "succeeded",
      ]);
      const { entries: [last] } = await (await req("GET", "/api/audit?limit=1")).json();
      assertEquals([last.action, last.result, last.path], [
        "greeting.send",
        "ok",
        "/api/greetings",
      ]);

      const document = await (await req("GET", "/api/openapi.json")).json();
      assertEquals(Object.keys(document.paths["/api/greetings"]).sort(), ["get", "post"]);
    },
    undefined,
    { features: [...FEATURES, greetingFeature] },
  );
});
