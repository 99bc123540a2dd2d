// The HTTPS certificate card of /settings in Chromium, against a real pebble
// (tests/support/pebble.ts): an admin sets an internal ACME CA up, is told under the checkbox that
// the CA's terms must be agreed to (nothing typed is lost), saves, orders, and sees the certificate
// the server now serves. Screenshots for review: KVMM_SHOTS=DIR (tests/support/review_shots.ts).

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { reviewShots } from "./support/review_shots.ts";
import { withSignedInPage } from "./support/browser_helpers.ts";
import { startPebble } from "./support/pebble.ts";
import { startServer } from "../main.ts";
import { acmeFeature } from "../lib/acme/feature.ts";

Deno.test("ACME browser - set up an internal CA on the settings page, refused without the terms, saved, ordered and served", async () => {
  const pebble = await startPebble();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-acme-browser-" });
  const hookDir = await Deno.makeTempDir({ prefix: "kvmm-acme-hooks-" });
  const server = await startServer({
    uri: "test:///default",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    tls: { mode: "auto" },
    dataDir,
    acmeHooks: hookDir,
  }, { quiet: true });
  try {
    await withSignedInPage(server, async (page) => {
      await page.goto(`${server.url}/settings`);
      const card = page.locator("section[aria-labelledby=certificate-title]");
      await card.locator("#acme-ca:not([disabled])").waitFor();
      await page.selectOption("#acme-ca", "other");
      await page.fill("#acme-url", pebble.directoryUrl);
      await page.fill("#acme-domains", "kvm.test");
      await page.fill("#acme-email", "admin@kvm.test");
      await page.fill("#acme-port", String(pebble.httpPort));
      await page.fill("#acme-ca-file", pebble.caFile);
      // DNS-01 with no hook in the folder says where to put one.
      await card.locator("input[name=acme-challenge][value=dns-01], label:has-text('DNS-01') input")
        .first().check();
      assertMatch(
        (await card.textContent()) ?? "",
        new RegExp(`No hook yet: put an executable in ${hookDir}`),
      );
      await card.locator("label:has-text('HTTP-01') input").check();

      await card.locator("button[type=submit]").click();
      const refusal = card.locator(".field-error[role=alert]");
      await refusal.waitFor();
      assertMatch((await refusal.textContent()) ?? "", /Agree to the CA's terms of service/);
      assertEquals(
        await page.inputValue("#acme-url"),
        pebble.directoryUrl,
        "nothing typed is lost",
      );
      await reviewShots(page, "acme-refused", { element: card });

      await card.locator("label:has-text('terms of service') input").check();
      await card.locator("button[type=submit]").click();
      await card.locator(".note-success:has-text('Saved')").waitFor();
      await card.locator("button:has-text('Order certificate now'):not([disabled])").click();
      const served = card.locator(".note-success:has-text('is served now')");
      await served.waitFor({ timeout: 30_000 });
      const facts = (await card.locator("dl").textContent()) ?? "";
      assertMatch(facts, /From Pebble Intermediate CA \w+ for kvm\.test/);
      const info = server.ctx.features.get(acmeFeature).info();
      assert(facts.includes(info.served!.fingerprint), "the fingerprint served is shown");
      await reviewShots(page, "acme-served", { element: card });
    });
  } finally {
    await server.close();
    await pebble.stop();
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(hookDir, { recursive: true });
  }
});
