import { assertEquals } from "../../tests/support/assert.ts";
import { wordOptions } from "./word_options.ts";

Deno.test("word options - each value with its words, in the values' order", () => {
  const words = { full: "Full", auto: "Automatic" };
  assertEquals(wordOptions(["auto", "full"] as const, words), [["auto", "Automatic"], [
    "full",
    "Full",
  ]]);
});
