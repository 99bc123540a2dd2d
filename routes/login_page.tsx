// The sign-in page as a response: at /login, and (status 401) at any page asked for without a
// session, so the address stays and signing in lands on it. An OpenID Connect realm's choice is a
// button to its provider (the start URL is written here, beside the routes); the provider's way
// back may bring a refusal or a second step, which /login hands to the form (routes/pages/login.tsx).

import { oidcStartPath } from "../shared/api_paths.ts";
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
import type { SecondStep } from "../shared/twofa.ts";
import type { LoginRealm } from "../islands/LoginForm.tsx";

/** What the provider's way back brings to /login (routes/api/oidc.ts's callback). */
export interface LoginReturn {
  /** A refusal in words, shown where a password's refusal is. */
  failed?: string;
  /** A second step that is due: its cookie is set, the form opens at it. */
  step?: SecondStep;
}

interface PageProps extends LoginReturn {
  next: string;
  groups: string[];
  /** The realms offered beside the host's accounts (none: no choice shown). */
  realms: LoginRealm[];
}

function LoginPage({ next, groups, realms, failed, step }: PageProps) {
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
            {!realms.length
              ? t("Sign in with an account of this host.")
              : realms.some((r) => r.kind === "oidc")
              ? t("Sign in with an account of this host, of a directory or of a sign-in provider.")
              : t("Sign in with an account of this host or of a directory.")}
          </p>
          <Island name="LoginForm" component={LoginForm} props={{ next, realms, failed, step }} />
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

/**
 * `realms`: what ctx.auth.realms.choices() offers (a password signs in through a directory's, a
 * button goes to a provider's); `back`: what the provider's way back brought (/login only).
 */
export function loginResponse(
  c: Context,
  settings: AuthSettings,
  status: 200 | 401,
  realms: RealmChoice[] = [],
  back: LoginReturn = {},
): Response {
  const url = new URL(c.req.url);
  const next = url.pathname === "/login" ? "/" : url.pathname + url.search;
  const groups = [...settings.adminGroups, ...settings.operatorGroups, ...settings.viewerGroups];
  const offered = realms.map((r) => r.kind === "oidc" ? { ...r, start: oidcStartPath(r.name) } : r);
  const html = renderToString(
    <LoginPage next={next} groups={groups} realms={offered} {...back} />,
  );
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}
