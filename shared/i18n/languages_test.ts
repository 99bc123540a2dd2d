import { assertEquals } from "../../tests/support/assert.ts";
import { chooseLanguage, fromAcceptLanguage } from "./languages.ts";

Deno.test("languages - Accept-Language by quality, then order; only languages we speak", () => {
  assertEquals(fromAcceptLanguage("de-CH,de;q=0.9,en;q=0.8"), "de");
  assertEquals(fromAcceptLanguage("fr;q=1,en;q=0.5,de;q=0.7"), "de");
  assertEquals(fromAcceptLanguage("en-US,en;q=0.9"), "en");
  assertEquals(fromAcceptLanguage("fr,es"), null);
  assertEquals(fromAcceptLanguage("de;q=0"), null);
  assertEquals(fromAcceptLanguage(""), null);
  assertEquals(fromAcceptLanguage(`${"x,".repeat(10_000)}de`), null);
});

Deno.test("languages - the account's choice, then the browser's, then English", () => {
  assertEquals(chooseLanguage("de", "en-US"), "de");
  assertEquals(chooseLanguage("auto", "de"), "de");
  assertEquals(chooseLanguage(null, undefined), "en");
});
