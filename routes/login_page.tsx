// The sign-in page as a response: at /login, and (status 401) at any page asked for without a
// session, so the address stays and signing in lands on it.

import type { Context } from "hono";
import { renderToString } from "preact-render-to-string";
import { LoginPage } from "../components/LoginPage.tsx";
import type { AuthSettings } from "../shared/auth.ts";

export function loginResponse(c: Context, settings: AuthSettings, status: 200 | 401): Response {
  const url = new URL(c.req.url);
  const next = url.pathname === "/login" ? "/" : url.pathname + url.search;
  const groups = [...settings.adminGroups, ...settings.operatorGroups, ...settings.viewerGroups];
  const html = renderToString(<LoginPage next={next} groups={groups} />);
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}
