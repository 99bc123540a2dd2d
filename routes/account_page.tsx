// /account: the signed-in account's sign-in security page (second factors), for every role.

import type { AppContext } from "../lib/context.ts";
import { AccountPage } from "../components/AccountPage.tsx";
import { DeclaredApp } from "./declare.ts";
import { renderPage } from "./page_render.tsx";
import { t } from "../shared/i18n/t.ts";

export function accountPageRoutes(ctx: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.page({
    method: "get",
    path: "/account",
    summary: "Sign-in security page: your second factors",
  }, (c) =>
    renderPage(ctx, c, <AccountPage />, {
      title: t("Sign-in security"),
      entry: "account",
      styles: ["/static/twofa.css"],
    }));
  return app;
}
