// OpenID Connect sign-in in Chromium against a real provider (tests/support/oidc_provider.ts, the
// npm oidc-provider package, on the host's loopback: the browser reaches it through its SOCKS
// proxy as it reaches the server, tests/harness/chromium_in_netns.sh): an admin makes the realm in
// the access page's dialog (the provider's issuer, client and secret, vm-ops as operators); then,
// in fresh browsers, the sign-in page offers it, "Continue with …" goes to the provider, alice
// fills its sign-in and consent pages and lands in the app as alice@sso (an operator), the
// choice is remembered, signing out goes on to the provider's sign-out; bob (in no mapped group)
// comes back to the sign-in page and reads why; carol (an admin, whose role must use a second
// factor) comes back to the sign-in form at its enrolment step and finishes there. Screenshots for
// review: KVMM_SHOTS=DIR (tests/support/review_shots.ts).

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { reviewShots } from "./support/review_shots.ts";
import { apiAnswer, openBrowser, pageTrail, withDemoServer } from "./support/browser_helpers.ts";
import { codeAt } from "./support/sign_in.ts";
import { twoFactorPolicyPath } from "../shared/api_paths.ts";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, withOidcProvider } from "./support/oidc_provider.ts";

/** Who the page's session is, as the API says. */
const whoAmI = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch("/api/auth/me");
    return res.ok ? await res.json() as { user: string; role: string } : null;
  });

/**
 * From the sign-in page through realm `realm`'s button to the provider, whose development pages
 * take `account` (any password) and then the consent; leaves the browser on its way back.
 */
async function signInThrough(page: Page, base: string, realm: string, account: string) {
  await page.goto(`${base}/login`);
  await page.waitForSelector("#login-realm:not([disabled])");
  await page.selectOption("#login-realm", realm);
  const button = page.locator(".login-form button[type=submit]");
  assertEquals(await button.textContent(), "Continue with Company SSO");
  assertEquals(await page.locator("#login-user").count(), 0, "no password for a provider");
  await button.click();
  await page.waitForSelector("input[name=login]");
  await page.fill("input[name=login]", account);
  await page.fill("input[name=password]", "any");
  await page.click("button[type=submit]");
  // The consent page (its form answers prompt=consent).
  await page.waitForSelector("input[name=prompt][value=consent]", { state: "attached" });
  await page.click("button[type=submit]");
}

Deno.test("realms oidc browser - an admin makes an OpenID Connect realm in the access page; alice signs in at the provider as alice@sso, bob is told why not, carol enrols her second factor on the way back", async () => {
  await withDemoServer(async (page, server) => {
    const callback = `${server.url}/api/auth/oidc/callback`;
    await withOidcProvider([callback], async (provider) => {
      await page.goto(`${server.url}/access`);
      const card = page.locator("section[aria-labelledby=realms-title]");
      await card.locator("text=No realm yet").waitFor();
      await card.locator("button.button-primary:not([disabled])").click();
      const dialog = page.locator("dialog[aria-labelledby=realm-dialog-title]");
      await dialog.waitFor();
      await page.selectOption("#realm-kind", "oidc");
      // The URIs to register at the provider, as this browser reaches the server.
      assertEquals(await page.inputValue("#realm-callback-uri"), callback);
      assertEquals(await page.inputValue("#realm-logout-uri"), `${server.url}/login`);
      assertEquals(await dialog.locator("#realm-preview").count(), 0, "no preview for OIDC");
      await page.fill("#realm-name", "sso");
      await page.fill("#realm-label", "Company SSO");
      await page.fill("#realm-issuer", provider.issuer);
      await page.fill("#realm-clientId", OIDC_CLIENT_ID);
      await page.fill("#realm-client-secret", OIDC_CLIENT_SECRET);
      // The test provider knows no `email` scope: it lists groups under one of its own.
      await page.fill("#realm-scopes", "profile groups");
      await page.fill("#realm-timeoutSeconds", "5");
      await page.fill("#realm-group-0", "vm-ops");
      await page.selectOption("#realm-role-0", "operator");
      await page.click("#realm-add-group");
      await page.fill("#realm-group-1", "vm-admins");
      await page.selectOption("#realm-role-1", "admin");
      await reviewShots(page, "oidc-dialog", { dialog });
      await dialog.locator("button[type=submit]").click();
      await dialog.waitFor({ state: "detached" });
      const row = card.locator('tr[data-realm="sso"]');
      await row.waitFor();
      assert((await row.textContent())!.includes(provider.issuer), "the card lists the issuer");
      const [saved] = server.ctx.auth.realms.list();
      assertEquals(
        saved.kind === "oidc" &&
          [saved.hasClientSecret, saved.config.scopes, saved.config.roleMap],
        [true, ["profile", "groups"], [
          { group: "vm-ops", role: "operator" },
          { group: "vm-admins", role: "admin" },
        ]],
      );
      assertEquals(await row.locator("button", { hasText: "Preview" }).count(), 0);
      // Edit opens the OIDC form with the saved fields and the secret kept.
      await row.locator("button", { hasText: "Edit" }).click();
      await dialog.waitFor();
      assertEquals(await page.inputValue("#realm-issuer"), provider.issuer);
      assertEquals(await page.inputValue("#realm-scopes"), "profile groups");
      assertEquals(await page.inputValue("#realm-client-secret"), "");
      assert(await page.isVisible("#realm-remove-secret"), "a kept secret may be removed");
      await dialog.locator("button[type=submit]").click();
      await dialog.waitFor({ state: "detached" });
      assertEquals(
        server.ctx.auth.realms.list().map((r) => r.kind === "oidc" && r.hasClientSecret),
        [true],
        "saved unchanged, the secret kept",
      );
      // The notes' toasts would cover the card in the shots (one may go by itself meanwhile).
      while (await page.locator(".toast-close").count()) {
        await page.locator(".toast-close").first().click({ timeout: 2000 }).catch(() => {});
      }
      await reviewShots(page, "oidc-access-card", { element: card });

      // Fresh browsers: nobody signed in, nothing remembered.
      const browser = await openBrowser();
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const fresh = await context.newPage();
        const errors: string[] = [];
        fresh.on("pageerror", (e) => errors.push(e.message));
        const trail = pageTrail(fresh);
        try {
          await fresh.goto(`${server.url}/login`);
          const offered = await fresh.locator("#login-realm option").allTextContents();
          assertEquals(offered, ["This host's accounts", "Company SSO"]);
          await fresh.waitForSelector("#login-realm:not([disabled])");
          await fresh.selectOption("#login-realm", "sso");
          await reviewShots(fresh, "oidc-login");

          await signInThrough(fresh, server.url, "sso", "alice");
          await fresh.waitForURL(`${server.url}/`);
          const me = await whoAmI(fresh);
          assertEquals([me?.user, me?.role], ["alice@sso", "operator"]);
          // The choice is remembered in this browser.
          await fresh.goto(`${server.url}/login`);
          await fresh.waitForFunction(() =>
            (document.querySelector("#login-realm") as HTMLSelectElement | null)?.value === "sso"
          );
          // Signing out goes on to the provider's sign-out page.
          await fresh.goto(`${server.url}/`);
          await fresh.click("#user-menu-button");
          await fresh.click("#sign-out");
          await fresh.waitForURL((url) => url.href.startsWith(`${provider.issuer}/session/end`));
          await fresh.goto(`${server.url}/`);
          assertEquals(await whoAmI(fresh), null, "signed out here");

          const other = await (await browser.newContext()).newPage();
          other.on("pageerror", (e) => errors.push(e.message));
          await signInThrough(other, server.url, "sso", "bob");
          await other.waitForURL(/\/login/);
          const refusal = other.locator(".login-error");
          await refusal.waitFor();
          assertEquals(
            await refusal.textContent(),
            "Account bob@sso is in no group that realm sso gives a role",
          );
          // The refusal's id is taken once and left out of the address.
          assertEquals(new URL(other.url()).search, "");
          assertEquals(await whoAmI(other), null);
          await reviewShots(other, "oidc-login-no-role");

          // Admins must use a second factor: carol's way back opens the form at its enrolment.
          const policy = await apiAnswer(page, "PUT", twoFactorPolicyPath("roles"), {
            roles: ["admin"],
          });
          assertEquals(policy.status, 200, policy.message);
          const third = await (await browser.newContext()).newPage();
          third.on("pageerror", (e) => errors.push(e.message));
          await signInThrough(third, server.url, "sso", "carol");
          await third.waitForURL(/\/login/);
          await third.click("#enrol-totp");
          assertEquals(new URL(third.url()).search, "", "the step is left out of the address");
          assertEquals(await whoAmI(third), null, "no session before enrolment");
          const secret = await third.getAttribute(".totp-secret", "data-secret");
          await third.fill("#totp-confirm-code", codeAt("carol@sso", secret!));
          await third.click(".totp-setup button[type=submit]");
          await third.waitForSelector(".recovery-code-list li");
          await third.click("#login-continue");
          await third.waitForURL(`${server.url}/`);
          const carol = await whoAmI(third);
          assertEquals([carol?.user, carol?.role], ["carol@sso", "admin"]);
        } catch (e) {
          if (e instanceof Error) e.message += `\n${trail.describe(errors)}`;
          throw e;
        }
        assertEquals(errors, [], "no uncaught errors in the sign-in pages");
      } finally {
        await browser.close();
      }
    });
  });
});
