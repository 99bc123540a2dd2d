// /api/me/settings: the signed-in account's own settings (today its UI language), which any
// role may read and change for itself. Tokens act for their owner.

import { z } from "zod";
import { requestLanguage } from "../../lib/i18n/scope.ts";
import type { UserSettingsStore } from "../../lib/i18n/user_settings.ts";
import { LANGUAGE_SETTINGS } from "../../shared/i18n/languages.ts";
import { t } from "../../shared/i18n/t.ts";
import { DeclaredApp } from "../declare.ts";

const badLanguage = () =>
  t("language must be one of {{languages}}", { languages: LANGUAGE_SETTINGS.join(", ") });

export const SettingsBody = z.object({
  language: z.enum(LANGUAGE_SETTINGS, { error: badLanguage }),
}, { error: () => t("The body must be a JSON object") });

export function meRoutes(settings: UserSettingsStore): DeclaredApp {
  const app = new DeclaredApp({ access: "read", writesStore: true });
  app.GET("/settings", "Your own settings, and the language pages are shown in now", {
    responses: { 200: "{language: auto|en|de, shownIn: en|de}" },
    answer: "UserSettingsView",
  }, (c) => c.json({ ...settings.get(c.get("identity").user), shownIn: requestLanguage() }));
  app.PUT("/settings", "Change your own settings (language: auto follows the browser)", {
    audit: "user.settings",
    body: { schema: SettingsBody, code: "INVALID_INPUT" },
    answer: "UserSettings",
  }, (c) => {
    const saved = settings.set(c.get("identity").user, c.get("body"));
    return c.json(saved);
  });
  return app;
}
