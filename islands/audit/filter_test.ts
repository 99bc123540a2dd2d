// The audit page's filter: form fields to API parameters and page address, and back.

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { draftOfParams, EMPTY_DRAFT, groupActions, localInputOf, paramsOfDraft } from "./filter.ts";

Deno.test("audit filter - a draft becomes the API's parameters, blanks left out", () => {
  assertEquals(paramsOfDraft(EMPTY_DRAFT).toString(), "");
  const params = paramsOfDraft({
    ...EMPTY_DRAFT,
    user: " alice ",
    action: "vm.*",
    result: "denied",
    from: "2026-01-10T08:00",
  });
  assertEquals([...params.keys()], ["user", "action", "result", "since"]);
  assertEquals(params.get("user"), "alice");
  // The form's local time, sent in UTC.
  assertEquals(params.get("since"), new Date(2026, 0, 10, 8, 0).toISOString());
});

Deno.test("audit filter - a time that is not one is refused in the form's words", () => {
  const err = assertThrows(() => paramsOfDraft({ ...EMPTY_DRAFT, to: "tomorrow" }), Error);
  assertEquals(err.message, "To is not a date and time");
});

Deno.test("audit filter - the page address gives back the draft it came from", () => {
  const draft = {
    user: "bob",
    action: "pool.create",
    target: "images",
    result: "error" as const,
    from: "2026-01-10T08:00",
    to: "2026-01-11T17:30",
  };
  assertEquals(draftOfParams(paramsOfDraft(draft)), draft);
  assertEquals(draftOfParams(new URLSearchParams("result=maybe&since=never")), EMPTY_DRAFT);
  assertEquals(localInputOf("x"), "");
});

Deno.test("audit filter - actions are grouped by resource for the select", () => {
  assertEquals(groupActions(["POST /api/x", "pool.create", "vm.start", "vm.stop"]), [
    { resource: "other", actions: ["POST /api/x"] },
    { resource: "pool", actions: ["pool.create"] },
    { resource: "vm", actions: ["vm.start", "vm.stop"] },
  ]);
});
