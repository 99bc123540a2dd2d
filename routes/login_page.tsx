// The sign-in page as a response: at /login, and (status 401) at any page asked for without a
// session, so the address stays and signing in lands on it.

import { Fragment } from "preact";
import { Island } from "../components/Island.tsx";
import { currentLanguage, t } from "../shared/i18n/t.ts";
import LoginForm from "../islands/LoginForm.tsx";
import { Trans } from "../components/kit/Trans.tsx";
import { HeadBasics, PRODUCT } from "../components/shell/HeadBasics.tsx";
import type { Context } from "hono";
import { renderToString } from "preact-render-to-string";
import type { AuthSettings } from "../shared/auth.ts";

function LoginPage({ next, groups }: { next: string; groups: string[] }) {
  return (
    <html lang={currentLanguage()}>
      <head>
        <HeadBasics title={t("Sign in")} />
        <link rel="stylesheet" href="/static/kit.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/auth.css" />
        <link rel="stylesheet" href="/static/twofa.css" />
        <script type="module" src={`/static/build/i18n_${currentLanguage()}.js`} />
        <script type="module" src="/static/build/login.js" />
      </head>
      <body>
        <main class="login">
          <h1>{PRODUCT}</h1>
          <p>{t("Sign in with an account of this host.")}</p>
          <Island name="LoginForm" component={LoginForm} props={{ next }} />
          <p class="login-hint">
            <Trans
              text={t("root and members of {{groups}} may sign in.", { groups: "{{groups}}" })}
              parts={{ groups: <GroupList groups={groups} /> }}
            />
          </p>
        </main>
      </body>
    </html>
  );
}

/** Host group names as written on the host: "a, b, c", each as code. */
function GroupList({ groups }: { groups: string[] }) {
  return (
    <>
      {groups.map((g, i) => (
        <Fragment key={g}>
          {i > 0 && ", "}
          <code>{g}</code>
        </Fragment>
      ))}
    </>
  );
}

export function loginResponse(c: Context, settings: AuthSettings, status: 200 | 401): Response {
  const url = new URL(c.req.url);
  const next = url.pathname === "/login" ? "/" : url.pathname + url.search;
  const groups = [...settings.adminGroups, ...settings.operatorGroups, ...settings.viewerGroups];
  const html = renderToString(<LoginPage next={next} groups={groups} />);
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}
