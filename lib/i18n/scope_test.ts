// The request's language follows its own work, and only that: work set going inside
// inServerLanguage (a migration's end, a reconnect) speaks English whoever started it.

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { t } from "../../shared/i18n/t.ts";
import { inServerLanguage, loadLanguage, requestLanguage, withLanguage } from "./scope.ts";

const later = <T>(fn: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(fn()), 1));

Deno.test("language scope - a language is loaded before it is spoken; English always is", async () => {
  // First in this file: nothing has loaded German yet in this process.
  const unloaded = assertThrows(() => withLanguage("de", () => t("Cancel")), Error);
  assertEquals(unloaded.message, "the de dictionary is not loaded (loadLanguage)");
  assertEquals(withLanguage("en", () => t("Cancel")), "Cancel");
  await loadLanguage("de");
  assertEquals(withLanguage("de", () => t("Cancel")), "Abbrechen");
});

Deno.test("language scope - a request's timers keep its language; server work is English", async () => {
  await loadLanguage("de");
  await withLanguage("de", async () => {
    assertEquals(t("Cancel"), "Abbrechen");
    // Timers and promises carry the request's scope (why long-lived work must leave it).
    assertEquals(await later(requestLanguage), "de");
    assertEquals(await inServerLanguage(() => later(() => t("Cancel"))), "Cancel");
    assertEquals(requestLanguage(), "de");
  });
  assertEquals(requestLanguage(), "en");
});
