// A real OpenID Connect provider on loopback, started by a test: the npm `oidc-provider` package
// (the certified provider many Node services embed) as a small server in this process, with one
// client for KVM Manager and a few accounts whose `groups` claim the realm maps to roles. Its
// development sign-in pages take any account name (the password is not checked), which is what a
// test needs of a provider: KVM Manager never sees that step. `signInAt` walks those pages with
// fetch for tests without a browser; a browser test fills them in Chromium.

import Provider from "oidc-provider";
import { freePort } from "../harness/free_port.ts";

/** The accounts the provider knows, and the groups its `groups` claim lists for each. */
export const OIDC_ACCOUNTS: Record<string, string[]> = {
  alice: ["vm-ops"],
  bob: [],
  carol: ["vm-admins", "staff"],
};

/**
 * Another account of the provider (its own `sub`) whose preferred_username is "alice": a renamed or
 * new account under a name someone already signed in with.
 */
export const OIDC_IMPOSTOR = "mallory";

export const OIDC_CLIENT_ID = "kvm-manager";
export const OIDC_CLIENT_SECRET = "kvm-manager-client-secret";

export interface OidcProvider {
  /** http://127.0.0.1:PORT */
  issuer: string;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the provider for a client whose redirect URIs are `redirectUris`. */
export async function startOidcProvider(redirectUris: string[]): Promise<OidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: redirectUris,
      // Where a sign-out at the provider may send the browser back: each server's sign-in page.
      post_logout_redirect_uris: redirectUris.map((uri) => new URL("/login", uri).href),
      response_types: ["code"],
      grant_types: ["authorization_code"],
    }],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "groups"],
    claims: { openid: ["sub"], profile: ["preferred_username"], groups: ["groups"] },
    // The claims go into the ID token too, as most providers can be told to.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) =>
      id === OIDC_IMPOSTOR
        ? {
          accountId: id,
          claims: () => ({ sub: id, preferred_username: "alice", groups: ["vm-ops"] }),
        }
        : id in OIDC_ACCOUNTS
        ? {
          accountId: id,
          claims: () => ({ sub: id, preferred_username: id, groups: OIDC_ACCOUNTS[id] }),
        }
        : undefined,
    // Quiet: the package's warnings about its development defaults say nothing a test needs.
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = "json";
      ctx.body = JSON.stringify(out);
    },
  });
  const server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { issuer, stop, [Symbol.asyncDispose]: stop };
}

/** Runs `fn` with a provider, then stops it whatever `fn` does. */
export async function withOidcProvider(
  redirectUris: string[],
  fn: (p: OidcProvider) => Promise<void>,
): Promise<void> {
  await using provider = await startOidcProvider(redirectUris);
  await fn(provider);
}

/**
 * Walks the provider's development sign-in and consent pages for `account`, from the
 * authorization URL KVM Manager sent the browser to, and answers where the provider sends the
 * browser back (the callback URL with its code and state).
 */
export async function signInAt(authorizationUrl: string, account: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    await res.body?.cancel();
    return res;
  };
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const res = await send(url);
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider answered ${res.status} at ${url}`);
    const next = new URL(location, url).href;
    const interaction = /\/interaction\/([^/?#]+)$/.exec(new URL(next).pathname);
    if (!interaction) return next;
    // The interaction is the sign-in (first) or the consent (then): its page's one form says
    // where it posts and which prompt it answers; fill it in, follow on.
    const page = await fetch(next, {
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no sign-in form at ${next}: ${html.slice(0, 200)}`);
    const answered = await send(
      new URL(action.replace(/&amp;/g, "&"), next).href,
      form(prompt === "login" ? { prompt, login: account, password: "any" } : { prompt }),
    );
    url = new URL(answered.headers.get("location")!, next).href;
    if (!url.startsWith(new URL(authorizationUrl).origin)) return url;
  }
  throw new Error("the provider's pages never sent the browser back");
}
