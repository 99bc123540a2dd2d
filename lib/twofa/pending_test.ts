import { assertEquals } from "../../tests/support/assert.ts";
import { handChallenge, PendingSignIns, takeChallenge } from "./pending.ts";

Deno.test("pending - a challenge handed out is taken once: one challenge, one try", () => {
  const pending = new PendingSignIns();
  const entry = pending.get(pending.create({ user: "ann", ip: "::1", enrol: false }))!;
  assertEquals(takeChallenge(entry), undefined);
  const options = { challenge: "c1", rpId: "localhost" };
  assertEquals(handChallenge(entry, options), options);
  assertEquals(entry.challenge, "c1");
  assertEquals(takeChallenge(entry), "c1");
  assertEquals(takeChallenge(entry), undefined);
  // New options replace the challenge not yet answered.
  handChallenge(entry, { challenge: "c2" });
  handChallenge(entry, { challenge: "c3" });
  assertEquals(takeChallenge(entry), "c3");
});
