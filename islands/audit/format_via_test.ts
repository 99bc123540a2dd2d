import { assertEquals } from "../../tests/support/assert.ts";
import type { AuditEntry } from "../../shared/audit.ts";
import { viaWords } from "./format.ts";

Deno.test("audit - how a request came: a session, a token by name, a token's old secret, nobody", () => {
  const e = (over: Partial<AuditEntry>) =>
    ({ via: "token", tokenName: null, ...over }) as AuditEntry;
  assertEquals(viaWords(e({ via: "session" })), "session");
  assertEquals(viaWords(e({ tokenName: "ci", tokenOldSecret: false })), "token ci");
  assertEquals(viaWords(e({ tokenName: "ci", tokenOldSecret: true })), "token ci (old secret)");
  assertEquals(viaWords(e({})), "token");
  assertEquals(viaWords(e({ via: "anonymous" })), "—");
});
