// The request's language follows its own work, and only that: work set going inside
// inServerLanguage (a migration's end, a reconnect) speaks English whoever started it.

import { assertEquals } from "../../tests/support/assert.ts";
import { t } from "../../shared/i18n/t.ts";
import { inServerLanguage, requestLanguage, withLanguage } from "./scope.ts";

const later = <T>(fn: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(fn()), 1));

Deno.test("language scope - a request's timers keep its language; server work is English", async () => {
  await withLanguage("de", async () => {
    assertEquals(t("Cancel"), "Abbrechen");
    // Timers and promises carry the request's scope (why long-lived work must leave it).
    assertEquals(await later(requestLanguage), "de");
    assertEquals(await inServerLanguage(() => later(() => t("Cancel"))), "Cancel");
    assertEquals(requestLanguage(), "de");
  });
  assertEquals(requestLanguage(), "en");
});
