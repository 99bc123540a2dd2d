// Two-factor sign-in in Chromium with real host accounts (PAM): enrolling an authenticator app
// (codes computed here from the key the page shows) and a security key (Chromium's virtual
// authenticator over CDP), signing out and back in with each, a recovery code once, an admin's
// requirement forcing enrolment at the next sign-in, and the limiter stopping wrong codes.
// Screenshots of the enrolment and the second step go to /work/shots/twofa/ when that folder
// exists (KVMM_SHOTS overrides it).

import type { BrowserContext, Page } from "playwright-core";
import axe from "axe-core";
import { type Server, startServer } from "../main.ts";
import type { Config } from "../lib/config.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser } from "./support/browser_helpers.ts";
import { accountName, withHostAccounts } from "./support/host_account.ts";
import { writeTestNode } from "./support/test_node.ts";
import { codeAt } from "./support/sign_in.ts";
import { DEFAULT_DOMAINS } from "./harness/test_app.ts";
import { loopbackName } from "./support/loopback_name.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS") ?? "/work/shots/twofa";

async function shots(page: Page, name: string) {
  try {
    await Deno.stat(SHOTS);
  } catch {
    return;
  }
  const size = page.viewportSize()!;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      // The phone drawer slides away after a resize: wait until it has.
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(size);
}

/** Serious and critical axe findings on the page as it is now. */
async function axeProblems(page: Page, where: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) =>
    `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  );
}

async function password(page: Page, base: string, user: string, pw: string) {
  await page.goto(`${base}/login`);
  await page.fill("#login-user", user);
  await page.fill("#login-password", pw);
  await page.click(".login-form button[type=submit]");
}

async function signOut(page: Page, base: string) {
  await page.goto(`${base}/`);
  await page.click("#user-menu-button");
  await page.click("#sign-out");
  await page.waitForURL(/\/login/);
}

/** Whether the page's cookies carry a session the API takes. */
const signedIn = (page: Page) =>
  page.evaluate(async () => (await fetch("/api/auth/me")).status === 200);

/** Chromium's virtual authenticator: a USB key that says yes at once. */
async function virtualKey(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

Deno.test("twofa browser - TOTP and a security key: sign-in needs one, recovery codes once, required roles enrol, the limiter stops guesses", async () => {
  const admins = accountName("kvmmt-b2a");
  const viewers = accountName("kvmmt-b2v");
  const alice = accountName("kvmmt-ba");
  const vic = accountName("kvmmt-bv");
  await withHostAccounts(
    [admins, viewers],
    { [alice]: [admins], [vic]: [viewers] },
    async (made) => {
      const node = await writeTestNode(DEFAULT_DOMAINS);
      const dataDir = await Deno.makeTempDir({ prefix: "kvmm-twofa-" });
      const config: Config = {
        uri: node.uri,
        uriSource: "flag",
        demo: true,
        listen: { hostname: "127.0.0.1", port: 0 },
        dataDir,
        tls: { mode: "off" },
        auth: {
          pamService: "kvm-manager",
          adminGroups: [admins],
          operatorGroups: [],
          viewerGroups: [viewers],
          sessionIdleMinutes: 30,
        },
      };
      let server: Server | null = null;
      const browser = await openBrowser();
      try {
        server = await startServer(config, { quiet: true });
        // WebAuthn takes a host name, not an IP address, as its relying party.
        const base = server.url.replace("127.0.0.1", await loopbackName());
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        const a = made[alice];
        const problems: string[] = [];

        // A password alone signs in while the account has no second factor.
        await password(page, base, a.user, a.password);
        await page.waitForURL(`${base}/`);
        assert(await signedIn(page));

        // The authenticator app: QR code, key as text, first code.
        await page.goto(`${base}/account`);
        await page.click("#totp-begin");
        const secret = await page.getAttribute(".totp-secret", "data-secret");
        assert(secret && /^[A-Z2-7]{32}$/.test(secret), `the key is shown: ${secret}`);
        assert(await page.isVisible("img.totp-qr"), "the QR code is shown");
        problems.push(...await axeProblems(page, "/account TOTP setup"));
        await shots(page, "enrol-totp");
        await page.fill("#totp-confirm-code", codeAt(a.user, secret));
        await page.click(".totp-setup button[type=submit]");
        await page.waitForSelector(".recovery-code-list li");
        const codes = await page.$$eval(
          ".recovery-code-list code",
          (els) => els.map((e) => e.textContent!),
        );
        assertEquals(codes.length, 10);
        await page.waitForSelector("#totp-remove");

        // A security key through Chromium's virtual authenticator.
        await virtualKey(context, page);
        await page.fill("#key-name", "Virtual key");
        await page.click("#key-add");
        await page.waitForSelector(".twofa-keys li:has-text('Virtual key')");
        problems.push(...await axeProblems(page, "/account enrolled"));
        await shots(page, "account-enrolled");

        // Signed out, the password alone is not enough.
        await signOut(page, base);
        await password(page, base, a.user, a.password);
        await page.waitForSelector("#login-code");
        assert(!await signedIn(page), "no session after the password alone");
        const home = await page.request.get(`${base}/api/vms`);
        assertEquals(home.status(), 401);
        problems.push(...await axeProblems(page, "/login second step"));
        await shots(page, "signin-second-step");
        await page.fill("#login-code", "000000");
        await page.click(".login-form button[type=submit]");
        assertMatch(await page.textContent(".login-error") ?? "", /The code is not right/);
        // The enrolment used this step's code: the next step's is good once.
        await page.fill("#login-code", codeAt(a.user, secret, Date.now() + 30_000));
        await page.click(".login-form button[type=submit]");
        await page.waitForURL(`${base}/`);
        assert(await signedIn(page));

        // The security key alone completes the second step.
        await signOut(page, base);
        await password(page, base, a.user, a.password);
        await page.click("#login-key");
        await page.waitForURL(`${base}/`);
        assert(await signedIn(page), "signed in with the virtual key");

        // A recovery code works once.
        await signOut(page, base);
        await password(page, base, a.user, a.password);
        await page.fill("#login-code", codes[0]);
        await page.click(".login-form button[type=submit]");
        await page.waitForURL(`${base}/`);
        await signOut(page, base);
        await password(page, base, a.user, a.password);
        await page.fill("#login-code", codes[0]);
        await page.click(".login-form button[type=submit]");
        assertMatch(await page.textContent(".login-error") ?? "", /The code is not right/);
        assert(!await signedIn(page));
        await page.fill("#login-code", codes[1]);
        await page.click(".login-form button[type=submit]");
        await page.waitForURL(`${base}/`);

        // The admin requires a second factor of viewers.
        await page.goto(`${base}/access`);
        // Enabled once the page has hydrated and read the policy; checked once the server kept it.
        await page.click("#twofa-require-viewer:not([disabled])");
        await page.waitForFunction(async () =>
          (await (await fetch("/api/two-factor-policy")).json()).requiredRoles.includes("viewer")
        );
        await page.waitForSelector("#twofa-require-viewer:checked");
        problems.push(...await axeProblems(page, "/access"));

        // The viewer's next sign-in sets a factor up before any session opens.
        const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const vPage = await other.newPage();
        vPage.on("pageerror", (e) => errors.push(e.message));
        await password(vPage, base, vic, made[vic].password);
        await vPage.waitForSelector("#enrol-totp");
        assert(!await signedIn(vPage), "no session before enrolment");
        problems.push(...await axeProblems(vPage, "/login enrolment"));
        await shots(vPage, "signin-enrol");
        await vPage.click("#enrol-totp");
        const vSecret = await vPage.getAttribute(".totp-secret", "data-secret");
        await shots(vPage, "signin-enrol-totp");
        await vPage.fill("#totp-confirm-code", codeAt(vic, vSecret!));
        await vPage.click(".totp-setup button[type=submit]");
        await vPage.waitForSelector(".recovery-code-list li");
        assertEquals(await vPage.locator(".recovery-code-list li").count(), 10);
        await vPage.click("#login-continue");
        await vPage.waitForURL(`${base}/`);
        assert(await signedIn(vPage));
        await other.close();

        // The admin sees the viewer's factor and resets it.
        await page.reload();
        await page.click(`tr[data-account="${vic}"] button`);
        await page.click("dialog[open] .button-danger");
        await page.waitForFunction(
          async (user) =>
            !(await (await fetch("/api/two-factor-policy")).json()).accounts.some((
              a: { user: string },
            ) => a.user === user),
          vic,
        );

        // Wrong codes are stopped by the sign-in limiter, and then even a right one is.
        const third = await browser.newContext();
        const gPage = await third.newPage();
        await password(gPage, base, a.user, a.password);
        await gPage.waitForSelector("#login-code");
        let message = "";
        for (let i = 0; i < 12 && !/Too many/.test(message); i++) {
          await gPage.fill("#login-code", "000000");
          await gPage.click(".login-form button[type=submit]");
          await gPage.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
          message = await gPage.textContent(".login-error") ?? "";
        }
        assertMatch(message, /Too many sign-in attempts/);
        await gPage.fill("#login-code", codeAt(a.user, secret, Date.now() + 30_000));
        await gPage.click(".login-form button[type=submit]");
        await gPage.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
        assertMatch(await gPage.textContent(".login-error") ?? "", /Too many sign-in attempts/);
        assert(!await signedIn(gPage));
        await third.close();

        assertEquals(problems, [], "no serious or critical axe findings");
        assertEquals(errors, [], "no uncaught errors in the page");
      } finally {
        await browser.close();
        await server?.close();
        await node.remove();
        await Deno.remove(dataDir, { recursive: true });
      }
    },
  );
});
