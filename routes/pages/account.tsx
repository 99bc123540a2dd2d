// /account: the signed-in account's sign-in security (second factors), for every role.

import AccountSecurity from "../../islands/AccountSecurity.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page(
    "/account",
    "Sign-in security page: your second factors",
    (c) =>
      page.render(c, <Island name="AccountSecurity" component={AccountSecurity} props={{}} />, {
        title: t("Sign-in security"),
        head: {
          lead: t(
            "A second factor keeps your account safe when your password is not: after the password, sign-in asks for a code from an authenticator app or a touch of a security key.",
          ),
        },
        styles: ["/static/twofa.css"],
      }),
  );
}
