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
import type { RealmChoice } from "../shared/realms.ts";

interface PageProps {
  next: string;
  groups: string[];
  /** The realms a password signs in through beside the host's accounts (none: not offered). */
  realms: RealmChoice[];
}

function LoginPage({ next, groups, realms }: PageProps) {
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
          <p>
            {realms.length
              ? t("Sign in with an account of this host or of a directory.")
              : t("Sign in with an account of this host.")}
          </p>
          <Island name="LoginForm" component={LoginForm} props={{ next, realms }} />
          <p class="login-hint">
            <Trans
              text={realms.length
                ? t("Of this host's accounts, root and members of {{groups}} may sign in.", {
                  groups: "{{groups}}",
                })
                : t("root and members of {{groups}} may sign in.", { groups: "{{groups}}" })}
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

/** `realms`: what ctx.auth.realms.choices() offers; a password signs in through a directory's. */
export function loginResponse(
  c: Context,
  settings: AuthSettings,
  status: 200 | 401,
  realms: RealmChoice[] = [],
): Response {
  const url = new URL(c.req.url);
  const next = url.pathname === "/login" ? "/" : url.pathname + url.search;
  const groups = [...settings.adminGroups, ...settings.operatorGroups, ...settings.viewerGroups];
  const directories = realms.filter((r) => r.kind === "ldap");
  const html = renderToString(<LoginPage next={next} groups={groups} realms={directories} />);
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}
