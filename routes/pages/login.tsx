// /login: the sign-in page. Any page asked for without a session answers with it too (401,
// routes/middleware/auth.ts), so the address stays and signing in lands on it.

import type { PageKit } from "../page_kit.tsx";
import { loginResponse } from "../login_page.tsx";

export default function (page: PageKit) {
  page.page(
    "/login",
    "Sign-in page",
    (c) => loginResponse(c, page.ctx.auth.settings, 200, page.ctx.auth.realms.choices()),
    "public",
  );
}
