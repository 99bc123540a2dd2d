// What a sign-in test needs on the in-memory app: the authenticator app's code for a TOTP secret,
// and a browser of its own that keeps the session cookies and the CSRF token the server hands out.
// One copy, so the two-factor tests sign in the way a real browser does and alike.

import { Secret, TOTP } from "otpauth";
import type { TestApp } from "../harness/test_app.ts";

/** The 6-digit code an authenticator app shows for `secret` (base32) at `at`. */
export const codeAt = (user: string, secret: string, at = Date.now()) =>
  new TOTP({ label: user, secret: Secret.fromBase32(secret), digits: 6, period: 30 })
    .generate({ timestamp: at });

/** A browser of its own at `ip`: the cookies the server set, sent back with each request. */
export function browser(t: TestApp, ip = "10.9.0.1") {
  const jar = new Map<string, string>();
  let csrf = "";
  const send = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      "content-type": "application/json",
    };
    if (csrf) headers["x-csrf-token"] = csrf;
    const res = await t.app.request(`http://localhost${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }, { remoteAddr: { hostname: ip, port: 1, transport: "tcp" } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      if (v === "" || /Max-Age=0/i.test(c)) jar.delete(k);
      else jar.set(k, v);
    }
    const json = await res.json();
    if (typeof json?.csrf === "string") csrf = json.csrf;
    return { status: res.status, body: json };
  };
  return { send, jar };
}

/** What browser() answers. */
export type SignInBrowser = ReturnType<typeof browser>;
