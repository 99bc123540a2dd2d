// The language each request is answered in (shared/i18n/languages.ts chooseLanguage): first,
// before sign-in, the browser's Accept-Language, so the sign-in page and refusals speak it;
// then, once the auth guard knows who asks, that account's own setting if it chose one.
// Pages, components and shared messages read it through t() (lib/i18n/scope.ts).

import type { MiddlewareHandler } from "hono";
import { loadLanguage, setRequestLanguage, withLanguage } from "../../lib/i18n/scope.ts";
import { chooseLanguage } from "../../shared/i18n/languages.ts";
import type { UserSettingsStore } from "../../lib/i18n/user_settings.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./auth.ts";

/** Before the auth guard: the whole request runs in the browser's language. */
export function browserLanguage(): MiddlewareHandler {
  return async function browserLanguage(c, next) {
    const language = chooseLanguage(null, c.req.header("accept-language"));
    await loadLanguage(language);
    return withLanguage(language, next);
  };
}

/** After the auth guard: the signed-in account's own choice, where it made one. */
export function accountLanguage(settings: UserSettingsStore): MiddlewareHandler {
  return async function accountLanguage(c, next) {
    const identity = c.get("identity");
    if (identity) {
      const { language } = settings.get(identity.user);
      if (language !== "auto") {
        const chosen = chooseLanguage(language, null);
        await loadLanguage(chosen);
        setRequestLanguage(chosen);
      }
    }
    await next();
  };
}
