// On every signed-in page (bundled to static/build/session.js): the top bar's Sign out button.

import { request } from "../client/api.ts";

document.getElementById("sign-out")?.addEventListener("click", async () => {
  try {
    await request("POST", "/api/auth/logout");
  } finally {
    location.replace("/login");
  }
});
