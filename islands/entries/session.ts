// On every signed-in page (bundled to static/build/session.js): the top bar's Sign out button.

import { logoutPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

document.getElementById("sign-out")?.addEventListener("click", async () => {
  try {
    await request("POST", logoutPath());
  } finally {
    location.replace("/login");
  }
});
