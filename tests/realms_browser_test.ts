// Sign-in realms in Chromium against a real slapd (tests/support/slapd.ts): an admin makes an LDAP
// realm in the access page's dialog (StartTLS, the test CA, the reader searching, vm-ops as
// operators), previews who it lets in before saving, and saves it; then, in fresh browsers, the
// sign-in page offers it, alice signs in through it as alice@corp (an operator) and the choice is
// remembered, and bob (in no mapped group) is told why under the form. Screenshots for review:
// KVMM_SHOTS=DIR (tests/support/review_shots.ts).

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { reviewShots } from "./support/review_shots.ts";
import { openBrowser, pageTrail, withDemoServer } from "./support/browser_helpers.ts";
import { withSlapd } from "./support/slapd.ts";

/** Who the page's session is, as the API says. */
const whoAmI = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch("/api/auth/me");
    return res.ok ? await res.json() as { user: string; role: string } : null;
  });

/** Signs in on the sign-in page through `realm`; the form is then left as the answer leaves it. */
async function signInThrough(page: Page, base: string, realm: string, user: string, pw: string) {
  await page.goto(`${base}/login`);
  await page.waitForSelector("#login-realm:not([disabled])");
  await page.selectOption("#login-realm", realm);
  await page.fill("#login-user", user);
  await page.fill("#login-password", pw);
  await page.click(".login-form button[type=submit]");
}

Deno.test("realms browser - an admin makes, previews and saves an LDAP realm in the access page; alice signs in through it, bob is told why not", async () => {
  await withSlapd(async (slapd) => {
    await withDemoServer(async (page, server) => {
      // With no realm, the sign-in page offers no choice.
      const none = await (await fetch(`${server.url}/login`)).text();
      assert(!none.includes("login-realm"), "no realm, no choice");

      await page.goto(`${server.url}/access`);
      const card = page.locator("section[aria-labelledby=realms-title]");
      await card.locator("text=No realm yet").waitFor();
      await card.locator("button.button-primary:not([disabled])").click();
      const dialog = page.locator("dialog[aria-labelledby=realm-dialog-title]");
      await dialog.waitFor();
      await page.fill("#realm-name", "corp");
      await page.fill("#realm-label", "Corp directory");
      await page.fill("#realm-url", "ldaps://");
      assertEquals(await page.inputValue("#realm-security"), "ldaps", "follows the scheme");
      await page.fill("#realm-caFile", slapd.caFile);
      await page.fill("#realm-bindDn", slapd.reader.dn);
      await page.fill("#realm-bind-password", slapd.reader.password);
      await page.fill("#realm-userBase", slapd.peopleDn);
      await page.fill("#realm-groupBase", slapd.groupsDn);
      await page.fill("#realm-group-0", "vm-ops");
      await page.selectOption("#realm-role-0", "operator");

      // A refusal shows in the dialog, in the API's words, and nothing typed is lost.
      await dialog.locator("button[type=submit]").click();
      const refusal = dialog.locator(".notice-error");
      await refusal.waitFor();
      const refused = (await refusal.textContent()) ?? "";
      assert(refused.startsWith("url must be"), refused);
      assertEquals(await page.inputValue("#realm-bind-password"), slapd.reader.password);
      assertEquals(await page.inputValue("#realm-group-0"), "vm-ops");
      await reviewShots(page, "realm-dialog-refused", { dialog });
      await page.fill("#realm-url", slapd.url);
      assertEquals(await page.inputValue("#realm-security"), "starttls");

      // The preview reads the directory with the unsaved realm: nothing is stored yet.
      await page.click("#realm-preview");
      const alice = dialog.locator('#realm-dialog-preview tr[data-user="alice@corp"]');
      await alice.waitFor();
      assertEquals(await alice.getAttribute("data-role"), "operator");
      assertEquals(server.ctx.auth.realms.list(), []);
      await reviewShots(page, "realm-dialog", { dialog });

      await dialog.locator("button[type=submit]").click();
      await dialog.waitFor({ state: "detached" });
      // The notes' toasts would cover the card in the shots.
      while (await page.locator(".toast-close").count()) {
        await page.locator(".toast-close").first().click();
      }
      const row = card.locator('tr[data-realm="corp"]');
      await row.waitFor();
      assert((await row.textContent())!.includes("vm-ops"), "the role map is listed");
      const [saved] = server.ctx.auth.realms.list();
      assertEquals(saved.kind === "ldap" && [saved.hasBindPassword, saved.config.caFile], [
        true,
        slapd.caFile,
      ]);
      await reviewShots(page, "access");
      await reviewShots(page, "access-realms-card", { element: card });

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
          assertEquals(offered, ["This host's accounts", "Corp directory"]);
          await reviewShots(fresh, "login");

          await signInThrough(fresh, server.url, "corp", "alice", slapd.users.alice.password);
          await fresh.waitForURL(`${server.url}/`);
          const me = await whoAmI(fresh);
          assertEquals([me?.user, me?.role], ["alice@corp", "operator"]);
          // The choice is remembered in this browser.
          await fresh.goto(`${server.url}/login`);
          await fresh.waitForFunction(() =>
            (document.querySelector("#login-realm") as HTMLSelectElement | null)?.value === "corp"
          );

          const other = await (await browser.newContext()).newPage();
          other.on("pageerror", (e) => errors.push(e.message));
          await signInThrough(other, server.url, "corp", "bob", slapd.users.bob.password);
          const refusal = other.locator(".login-error");
          await refusal.waitFor();
          assertEquals(
            await refusal.textContent(),
            "Account bob@corp is in no group that realm corp gives a role",
          );
          assertEquals(await whoAmI(other), null);
          await reviewShots(other, "login-no-role");
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
