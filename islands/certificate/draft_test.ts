import { assertEquals } from "../../tests/support/assert.ts";
import { bodyOf, draftOf, OTHER_CA } from "./draft.ts";

Deno.test("ACME draft - saved settings make the draft that makes the same body", () => {
  const saved = {
    directoryUrl: "https://ca.internal:9000/acme/acme/directory",
    email: null,
    domains: ["kvm.example.com", "*.kvm.example.com"],
    challenge: { type: "dns-01" as const, hook: "rfc2136", waitSeconds: 10 },
    caFile: "/etc/ssl/internal-ca.pem",
    renewDays: 20,
  };
  const draft = draftOf(saved, ["rfc2136"]);
  assertEquals(draft.ca, OTHER_CA);
  assertEquals(draft.termsAgreed, true);
  assertEquals(bodyOf(draft), { ...saved, termsAgreed: true });
});

Deno.test("ACME draft - new: Let's Encrypt, HTTP-01 on 80, terms not yet agreed; names split on spaces and commas", () => {
  const draft = draftOf(null, []);
  assertEquals(draft.termsAgreed, false);
  const body = bodyOf({
    ...draft,
    domains: "a.example.com, b.example.com\nc.example.com",
    port: "",
  });
  assertEquals(body.directoryUrl, "https://acme-v02.api.letsencrypt.org/directory");
  assertEquals(body.domains, ["a.example.com", "b.example.com", "c.example.com"]);
  assertEquals(Number.isNaN((body.challenge as { port: number }).port), true);
});
