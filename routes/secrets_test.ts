// Secrets are for admins: a walk over every GET route of the real app, as a viewer and as an
// operator, finds no cloud-init password hash, user-data or webhook URL (nor a webhook error that
// names one) of the objects it made; an admin still reads them all; the guest agent is served only
// at /agent/, to admins.

import type { AlertEvent, AlertRule } from "../shared/metrics.ts";
import type { ProfileDetails, ProfileFile, VmPolicy } from "../shared/profiles.ts";
import { WEBHOOK_FAILED } from "../lib/auth/redact.ts";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { vmSample } from "../tests/support/vm_sample.ts";
import type { VmTemplate } from "../shared/templates.ts";
import type { VmSummary } from "../shared/vms.ts";
import { SMALL_CONFIG, type TestApp, withTestApp } from "../tests/harness/test_app.ts";

const HASH = "$6$saltsalt$HASHSECRETxyz0123456789";
const USER_DATA = "#cloud-config\n# USERDATA-SECRET-MARKER\nruncmd: [true]\n";
const WEBHOOK = "https://127.0.0.1:9/x?token=SECRET123";
const SECRETS = ["HASHSECRET", "USERDATA-SECRET-MARKER", "SECRET123"];

/** A body read to its end, or for `streamMs` when it does not end (the event stream). */
async function bodyOf(res: Response, streamMs = 300): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const stop = setTimeout(() => reader.cancel().catch(() => {}), streamMs);
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // Cancelled: the stream did not end within streamMs.
  } finally {
    clearTimeout(stop);
  }
  return text;
}

/** Who asks: headers that sign a request in. */
type Caller = Record<string, string>;

const adminOf = (t: TestApp): Caller => ({ authorization: `Bearer ${t.token}` });

/** A signed-in browser session of this role (over all VMs). */
function sessionOf(t: TestApp, role: "viewer" | "operator"): Caller {
  const { secret } = t.ctx.auth.sessions.create(`${role}-user`, role, "*", null);
  return { cookie: `kvmm_session=${secret}` };
}

const as = (t: TestApp, caller: Caller, path: string, accept = "application/json") =>
  Promise.resolve(t.app.request(`http://localhost${path}`, { headers: { ...caller, accept } }));

async function json<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  assertEquals(r.status, status, JSON.stringify(body));
  return body as T;
}

/** Makes one of each object holding a secret; returns the ids the walk fills paths with. */
async function plant(t: TestApp) {
  const vms = await json<VmSummary[]>(t.req("GET", "/api/vms"));
  const web = vms.find((v) => v.name === "web")!;
  const template = (name: string, cloudInit: Record<string, string>) =>
    json<VmTemplate>(
      t.req("POST", "/api/templates", {
        name,
        config: { ...SMALL_CONFIG, cloudInit },
      }),
      201,
    );
  // Raw user-data and a generated user with a password are one or the other.
  const withHash = await template("with-hash", { user: "ops", passwordHash: HASH });
  const withUserData = await template("with-user-data", { userData: USER_DATA });
  const rule = await json<AlertRule>(
    t.req("POST", "/api/alerts/rules", {
      name: "hot",
      metric: "cpu",
      threshold: 50,
      consecutive: 1,
      webhookUrl: WEBHOOK,
    }),
    201,
  );
  // A port nothing listens on any more: the delivery fails at once, its error naming the URL.
  // Webhooks reach loopback only when an admin allows it (the images' allowed sources).
  await json(t.req("PUT", "/api/images/settings", {
    allowedSources: ["127.0.0.1"],
    maxDownloadBytes: 1024 ** 3,
  }));
  const gone = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(),
  );
  await gone.shutdown();
  const refusedOrigin = `http://127.0.0.1:${gone.addr.port}`;
  await json(
    t.req("POST", "/api/alerts/rules", {
      name: "refused",
      metric: "cpu",
      threshold: 50,
      consecutive: 1,
      vmId: web.id,
      webhookUrl: `${refusedOrigin}/y?token=SECRET123`,
    }),
    201,
  );
  const alert = { name: "p-hot", metric: "cpu", threshold: 95, webhookUrl: WEBHOOK };
  const profile = await json<ProfileDetails>(
    t.req("POST", "/api/profiles", { name: "secretive", alerts: [alert] }),
    201,
  );
  await json(t.req("PUT", `/api/vms/${web.id}/profile`, { profileId: profile.id }));
  await json(
    t.req("POST", `/api/vms/${web.id}/policy/overrides`, {
      kind: "alert",
      alert: { ...alert, name: "local-hot" },
    }),
    201,
  );
  // A firing of "refused": its delivery fails with an error naming the hook's address, its
  // query (the token) cut from the words.
  const { alerts } = t.ctx.monitoring;
  alerts.check(Date.now(), [vmSample(web.id, "web", 70)]);
  await alerts.settled();
  const fired = alerts.events().find((e) => e.ruleName === "refused")!;
  assert(
    fired.webhookError?.includes(`${refusedOrigin}/y?…`) &&
      !fired.webhookError.includes("SECRET123"),
    `the error names the URL without its query: ${fired.webhookError}`,
  );
  return { web, templates: [withHash, withUserData], rule, profile, refusedOrigin };
}

Deno.test("secrets - a walk over every GET route and page as a viewer or operator finds none", async () => {
  await withTestApp(async (t) => {
    const { web, templates, profile } = await plant(t);
    // Each route with its parameters filled with the ids of what plant() made.
    const fill = (path: string) => {
      const ids = path.startsWith("/api/templates/")
        ? templates.map((x) => x.id)
        : path.startsWith("/api/profiles/")
        ? [profile.id]
        : [web.id];
      return ids.map((id) => path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, id).replace(/\*$/, "x"));
    };
    const routes = t.app.routes.filter((r) => r.method === "GET");
    assert(routes.length > 60, `the walk found ${routes.length} GET routes`);
    const paths = [...new Set(routes.flatMap((r) => fill(r.path).map((p) => `${r.path}\t${p}`)))];
    const leaks: string[] = [];
    const answered: Record<string, number> = {};
    for (const role of ["viewer", "operator"] as const) {
      const caller = sessionOf(t, role);
      for (const entry of paths) {
        const [, path] = entry.split("\t");
        const page = !path.startsWith("/api/");
        for (const query of ["", "?state=all", "?state=active"]) {
          if (query && path !== "/api/alerts" && path !== "/alerts") continue;
          const res = await as(t, caller, path + query, page ? "text/html" : "application/json");
          answered[res.status] = (answered[res.status] ?? 0) + 1;
          const body = await bodyOf(res);
          const found = SECRETS.filter((s) => body.includes(s));
          if (found.length) {
            leaks.push(`${role} GET ${path}${query}: ${found.join(", ")}`);
          }
        }
      }
    }
    assertEquals(leaks, [], "no GET answer holds a secret for a non-admin");
    // The walk reached the objects: most answers are 200.
    assert(answered[200] > 100, JSON.stringify(answered));
  });
});

Deno.test("secrets - an admin reads them; others see that they are set", async () => {
  await withTestApp(async (t) => {
    const { web, templates: [withHash, withUserData], rule, profile, refusedOrigin } = await plant(
      t,
    );
    const viewer = sessionOf(t, "viewer");
    const admin = adminOf(t);

    const cloudInitOf = async (caller: Caller, id: string) =>
      (await json<VmTemplate>(as(t, caller, `/api/templates/${id}`))).config.cloudInit as unknown;
    assertEquals(await cloudInitOf(admin, withHash.id), { user: "ops", passwordHash: HASH });
    assertEquals(await cloudInitOf(admin, withUserData.id), { userData: USER_DATA });
    const hidden = [
      { user: "ops", passwordHash: null, passwordSet: true },
      { userData: null, userDataSet: true },
    ];
    assertEquals(
      [await cloudInitOf(viewer, withHash.id), await cloudInitOf(viewer, withUserData.id)],
      hidden,
    );
    const list = await json<VmTemplate[]>(as(t, viewer, "/api/templates"));
    assertEquals(list.map((x) => x.config.cloudInit as unknown), hidden);

    const adminRules = await json<AlertRule[]>(as(t, admin, "/api/alerts/rules"));
    assertEquals(adminRules.find((r) => r.id === rule.id)!.webhookUrl, WEBHOOK);
    const viewerRules = await json<AlertRule[]>(as(t, viewer, "/api/alerts/rules"));
    assertEquals(
      viewerRules.map((r) => [r.name, r.webhookUrl, r.webhookOrigin]),
      [["hot", null, "https://127.0.0.1:9"], ["refused", null, refusedOrigin]],
    );
    const errorOf = async (caller: Caller) =>
      (await json<AlertEvent[]>(as(t, caller, "/api/alerts")))
        .find((e) => e.ruleName === "refused")!.webhookError;
    assert((await errorOf(admin))!.startsWith("Webhook failed: "));
    assertEquals(await errorOf(viewer), WEBHOOK_FAILED);

    const adminProfile = await json<ProfileDetails>(as(t, admin, `/api/profiles/${profile.id}`));
    assertEquals(adminProfile.alerts[0].webhookUrl, WEBHOOK);
    const viewerProfile = await json<ProfileDetails>(as(t, viewer, `/api/profiles/${profile.id}`));
    assertEquals(
      [viewerProfile.alerts[0].webhookUrl, viewerProfile.alerts[0].webhookOrigin],
      [null, "https://127.0.0.1:9"],
    );
    // A non-admin's export has no webhook and no extra field: it still imports.
    const file = await json<ProfileFile>(as(t, viewer, `/api/profiles/${profile.id}/export`));
    assertEquals(file.profile.alerts[0].webhookUrl, null);
    assertEquals("webhookOrigin" in file.profile.alerts[0], false);
    const imported = await t.app.request("http://localhost/api/profiles/import?renameTo=copy", {
      method: "POST",
      body: JSON.stringify(file),
    });
    assertEquals(imported.status, 201, await imported.text());
    const adminFile = await json<ProfileFile>(as(t, admin, `/api/profiles/${profile.id}/export`));
    assertEquals(adminFile.profile.alerts[0].webhookUrl, WEBHOOK);

    const adminPolicy = await json<VmPolicy>(as(t, admin, `/api/vms/${web.id}/policy`));
    assertEquals(adminPolicy.effective.alerts.map((a) => a.webhookUrl), [WEBHOOK, WEBHOOK]);
    const viewerPolicy = await json<VmPolicy>(as(t, viewer, `/api/vms/${web.id}/policy`));
    assertEquals(viewerPolicy.effective.alerts.map((a) => a.webhookOrigin), [
      "https://127.0.0.1:9",
      "https://127.0.0.1:9",
    ]);
  });
});

Deno.test("secrets - the guest agent is served only at /agent/, to admins", async () => {
  const built = new URL("../static/build/agent/kvmm-agent.js", import.meta.url);
  assert(
    (await Deno.stat(built).catch(() => null))?.isFile,
    "static/build/agent/kvmm-agent.js: run deno task build first",
  );
  await withTestApp(async (t) => {
    const viewer = sessionOf(t, "viewer");
    const callers: Caller[] = [{ cookie: "" }, viewer, adminOf(t)];
    for (const headers of callers) {
      const res = await as(t, headers, "/static/build/agent/kvmm-agent.js");
      assertEquals(res.status, 404);
      await res.body?.cancel();
    }
    const refused = await as(t, viewer, "/agent/kvmm-agent.js");
    assertEquals(refused.status, 403);
    await refused.body?.cancel();
    const res = await as(t, adminOf(t), "/agent/kvmm-agent.js");
    assertEquals(res.status, 200);
    assert((await res.text()).includes("kvmm-agent"));
  });
});
