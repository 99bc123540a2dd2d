// /login: the sign-in page. Any page asked for without a session answers with it too (401,
// routes/middleware/auth.ts), so the address stays and signing in lands on it. An OpenID Connect
// provider's way back (routes/api/oidc.ts) comes here with `failed=ID` (the refusal, kept five
// minutes on the server) or `second=verify|enrol&user=NAME&methods=…` (the second step, its cookie set).

import type { PageKit } from "../page_kit.tsx";
import { loginResponse, type LoginReturn } from "../login_page.tsx";
import type { SecondStep } from "../../shared/twofa.ts";

const METHODS: readonly string[] = ["totp", "webauthn", "recovery"] satisfies SecondStep[
  "methods"
];

/** The second step the address names; the API checks it again at each request. */
function stepOf(query: URLSearchParams): SecondStep | undefined {
  const second = query.get("second");
  const user = query.get("user");
  if ((second !== "verify" && second !== "enrol") || !user) return undefined;
  const methods = (query.get("methods") ?? "").split(",").filter((m) => METHODS.includes(m));
  return { secondFactor: second, user, methods: methods as SecondStep["methods"] };
}

export default function (page: PageKit) {
  page.page(
    "/login",
    "Sign-in page",
    (c) => {
      const query = new URL(c.req.url).searchParams;
      const failed = query.get("failed");
      const back: LoginReturn = {
        failed: failed ? page.ctx.auth.realms.flows.failure(failed)?.message : undefined,
        step: stepOf(query),
      };
      return loginResponse(c, page.ctx.auth.settings, 200, page.ctx.auth.realms.choices(), back);
    },
    "public",
  );
}
