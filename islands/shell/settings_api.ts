// The signed-in account's own settings (routes/api/me.ts): GET and PUT /api/me/settings. Not
// through islands/client/api.ts's request(), which adds the page's host: settings belong to the
// account on this server, whichever libvirt host the page shows.

import type { Language, LanguageSetting } from "../../shared/i18n/languages.ts";
import { ApiRequestError, errorOf, fetchRetrying } from "../../components/client/api.ts";
import { csrfToken } from "../../components/client/session.ts";
import { t } from "../../shared/i18n/t.ts";
import { mySettingsPath } from "../../shared/api_paths.ts";

export interface MySettings {
  language: LanguageSetting;
  /** The language pages are shown in now (the setting, or the browser's when "auto"). */
  shownIn: Language;
}

async function call<T>(method: "GET" | "PUT", body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetchRetrying(mySettingsPath(), {
      method,
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        "x-csrf-token": csrfToken(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const reason = (err as Error).message;
    throw new ApiRequestError(0, "NETWORK", t("Cannot reach KVM Manager: {{reason}}", { reason }));
  }
  if (!res.ok) throw errorOf(res.status, res.statusText, await res.json().catch(() => null));
  return await res.json() as T;
}

export const readSettings = () => call<MySettings>("GET");

export const saveLanguage = (language: LanguageSetting) =>
  call<{ language: LanguageSetting }>("PUT", { language });
