import { assertEquals } from "../../tests/support/assert.ts";
import {
  curlExample,
  GRACE_CHOICES,
  isExpired,
  isLive,
  scopeLabel,
  tokenRoleLabel,
} from "./format.ts";

const VMS = [
  { id: "0a4f4a52-0000-4000-8000-000000000001", name: "web" },
  { id: "0a4f4a52-0000-4000-8000-000000000002", name: "db" },
];

Deno.test("access format - a scope lists VM names, keeping UUIDs of VMs that are gone", () => {
  assertEquals(scopeLabel("*", VMS), "All VMs");
  assertEquals(scopeLabel([], VMS), "None");
  assertEquals(
    scopeLabel([VMS[1].id, "0a4f4a52-0000-4000-8000-00000000000f"], VMS),
    "db, 0a4f4a52-0000-4000-8000-00000000000f",
  );
  assertEquals(scopeLabel([VMS[0].id.toUpperCase()], VMS), "web");
});

Deno.test("access format - the curl example sends the token as a Bearer header", () => {
  assertEquals(
    curlExample("https://kvm.example:8443", "kvmm_x"),
    'curl -H "Authorization: Bearer kvmm_x" https://kvm.example:8443/api/vms',
  );
});

Deno.test("access format - a token shows its own role and, when lower, the one it acts with", () => {
  const live = { revokedAt: null };
  assertEquals(tokenRoleLabel({ ...live, role: "admin", effectiveRole: "admin" }), {
    role: "admin",
    note: null,
  });
  assertEquals(tokenRoleLabel({ ...live, role: "admin", effectiveRole: "operator" }), {
    role: "admin",
    note: "acts as operator: its owner's current role",
  });
  assertEquals(
    tokenRoleLabel({ ...live, role: "viewer", effectiveRole: null }).note,
    "refused: its owner may no longer sign in",
  );
  assertEquals(
    tokenRoleLabel({ role: "admin", effectiveRole: null, revokedAt: "2024-01-01T00:00:00Z" })
      .note,
    null,
    "a revoked token is refused anyway",
  );
});

Deno.test("access format - a token is live until it is revoked or reaches its expiry", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  const token = (expiresAt: string | null, revokedAt: string | null = null) => ({
    expiresAt,
    revokedAt,
  });
  assertEquals(isExpired(token(null), now), false);
  assertEquals(isExpired(token("2026-11-29T12:00:01Z"), now), false);
  assertEquals(isExpired(token("2026-11-29T12:00:00Z"), now), true);
  assertEquals(isLive(token(null), now), true);
  assertEquals(isLive(token("2026-11-29T11:00:00Z"), now), false);
  assertEquals(isLive(token(null, "2026-11-28T00:00:00Z"), now), false);
});

Deno.test("access format - every grace period offered is one the API takes, none first", () => {
  assertEquals(GRACE_CHOICES[0][0], 0);
  for (const [seconds] of GRACE_CHOICES) {
    // The API's bound: 30 days (lib/auth/input.ts MAX_GRACE_SECONDS).
    assertEquals(Number.isInteger(seconds) && seconds >= 0 && seconds <= 30 * 86_400, true);
  }
});
