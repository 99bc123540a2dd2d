// Loaded before every test module (tests/harness/preload.ts): every answer a declared route gives
// in this run is checked against its schema (routes/answer_check.ts). The environment carries the
// switch to the servers tests start as processes of their own; there a mismatch is a 500 that
// names the route. In this process a test that caused a mismatch fails after it ran, even when it
// never looked at the answer's status.

import { answerMismatches, CHECK_ANSWERS_ENV } from "../../routes/answer_check.ts";
import { wrapDenoTest } from "../support/test_deadline.ts";

Deno.env.set(CHECK_ANSWERS_ENV, "1");

type TestFn = (t: Deno.TestContext) => void | Promise<void>;

function failOnMismatch(fn: TestFn): TestFn {
  return async (t) => {
    answerMismatches.length = 0;
    await fn(t);
    if (answerMismatches.length) {
      throw new Error(
        `answers that do not match their routes' schemas:\n  ${answerMismatches.join("\n  ")}`,
      );
    }
  };
}

wrapDenoTest((def) => ({ ...def, fn: failOnMismatch(def.fn) }));
