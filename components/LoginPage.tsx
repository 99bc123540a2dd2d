// The sign-in page: a whole document of its own, with no navigation and no host data.

import { Fragment } from "preact";
import { Island } from "./Island.tsx";
import { currentLanguage, t } from "../shared/i18n/t.ts";
import LoginForm from "../islands/LoginForm.tsx";
import { Trans } from "./kit/Trans.tsx";
import { HeadBasics, PRODUCT } from "./shell/HeadBasics.tsx";

export function LoginPage({ next, groups }: { next: string; groups: string[] }) {
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
