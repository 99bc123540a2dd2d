// On every signed-in page (bundled to static/build/session.js): the top bar's Sign out button.

import { logoutPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

document.getElementById("sign-out")?.addEventListener("click", async () => {
  // A user of an OpenID Connect realm signs out at the provider too, which sends them back.
  let next = "/login";
  try {
    const answer = await request<{ ok: true; logoutUrl?: string }>("POST", logoutPath());
    if (answer.logoutUrl) next = answer.logoutUrl;
  } finally {
    location.replace(next);
  }
});
