// What the own-settings routes answer (routes/api/me.ts).

import { z } from "zod";
import type { UserSettings as Settings } from "../../../lib/i18n/user_settings.ts";
import { LANGUAGE_SETTINGS, LANGUAGES } from "../../../shared/i18n/languages.ts";
import { describes } from "./describes.ts";

export const UserSettings = describes<Settings>()(
  z.object({
    language: z.enum(LANGUAGE_SETTINGS).meta({
      description: "The UI language; auto follows the browser",
    }),
  }).meta({ id: "UserSettings" }),
);

/** `GET /api/me/settings`: the settings, and the language pages are shown in now. */
export const UserSettingsView = UserSettings.extend({
  shownIn: z.enum(LANGUAGES).meta({ description: "The language this request was answered in" }),
}).meta({ id: "UserSettingsView" });
