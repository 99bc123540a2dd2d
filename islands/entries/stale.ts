// On a page rendered from what was known while libvirt did not answer (bundled to
// static/build/stale.js): once libvirt answers again, the page is rendered afresh.

import { hostPath } from "../../shared/api_paths.ts";
import { withHost } from "../../components/client/host.ts";

const RETRY_MS = 2000;
/** An answer slower than this is a libvirtd still catching up: ask again before renewing. */
const PROMPT_MS = 1000;
const MAX_RETRY_MS = 60_000;
// routes/layout/Layout.tsx's STALE_NOTICE_ID and STALE_ANSWERED_CLASS (not imported: that would
// bundle the whole layout).
const STALE_NOTICE_ID = "stale-notice";
const STALE_ANSWERED_CLASS = "stale-answered";

/**
 * Whether the user has begun working on the page (typed, chose, sent a form): renewing it then
 * would throw their input away and cut a request in flight (a wizard's Create sent just before
 * libvirt answered again). Such a page says that libvirt answers instead, and waits for a reload.
 */
let working = false;
for (const type of ["input", "change", "submit"]) {
  document.addEventListener(type, () => working = true, { capture: true });
}

async function renewWhenAnswered() {
  let wait = RETRY_MS;
  for (;;) {
    await new Promise((r) => setTimeout(r, wait));
    try {
      // One ask at a time: a frozen libvirtd holds this until its deadline, then 504.
      const asked = Date.now();
      const res = await fetch(withHost(hostPath()), { headers: { accept: "application/json" } });
      if (res.ok && Date.now() - asked < PROMPT_MS) {
        if (!working) return location.reload();
        document.querySelector<HTMLElement>(`#${STALE_NOTICE_ID} .${STALE_ANSWERED_CLASS}`)
          ?.removeAttribute("hidden");
        return;
      }
      // A host that is only slow would render this page stale again: ask less and less often.
      if (res.ok) wait = Math.min(wait * 2, MAX_RETRY_MS);
      // Signed out meanwhile: the next page load says so.
      if (res.status === 401 || res.status === 403) return;
    } catch {
      // The server itself is away; try again.
    }
  }
}

if (document.getElementById(STALE_NOTICE_ID)) renewWhenAnswered();
