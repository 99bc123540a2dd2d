import { assertEquals } from "../../../tests/support/assert.ts";
import { FAILURE_TTL_MS, OidcFlows } from "./oidc_flows.ts";

Deno.test("OIDC flows - a refusal is read as often as the sign-in page asks, until its time is up", () => {
  let now = 1_000_000;
  const flows = new OidcFlows(() => now);
  const id = flows.fail("NO_ROLE", "Account bob@sso is in no group that realm sso gives a role");
  // A browser's prefetch of /login?failed=ID, then the page itself.
  assertEquals(flows.failure(id)?.code, "NO_ROLE");
  assertEquals(flows.failure(id)?.code, "NO_ROLE");
  assertEquals(flows.failure("another id"), null);
  now += FAILURE_TTL_MS + 1;
  assertEquals(flows.failure(id), null);
});
