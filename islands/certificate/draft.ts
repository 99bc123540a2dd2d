// The ACME form's draft: what the fields hold as text, made from the saved settings, and the body
// PUT /api/acme takes, made from the draft. Numbers are sent as typed: the API's words say what
// is allowed.

import { ACME_DIRECTORIES, type AcmeSettings } from "../../shared/acme.ts";

export const OTHER_CA = "other";

export interface AcmeDraft {
  /** One of ACME_DIRECTORIES' URLs, or OTHER_CA. */
  ca: string;
  otherUrl: string;
  email: string;
  /** Names separated by spaces, commas or lines. */
  domains: string;
  challenge: "http-01" | "dns-01";
  port: string;
  hook: string;
  waitSeconds: string;
  caFile: string;
  renewDays: string;
  termsAgreed: boolean;
}

export function draftOf(s: AcmeSettings | null, hooks: string[]): AcmeDraft {
  const known = s && ACME_DIRECTORIES.some((d) => d.url === s.directoryUrl);
  return {
    ca: !s ? ACME_DIRECTORIES[0].url : known ? s.directoryUrl : OTHER_CA,
    otherUrl: s && !known ? s.directoryUrl : "",
    email: s?.email ?? "",
    domains: s?.domains.join(" ") ?? "",
    challenge: s?.challenge.type ?? "http-01",
    port: String(s?.challenge.type === "http-01" ? s.challenge.port : 80),
    hook: s?.challenge.type === "dns-01" ? s.challenge.hook : hooks[0] ?? "",
    waitSeconds: String(s?.challenge.type === "dns-01" ? s.challenge.waitSeconds : 30),
    caFile: s?.caFile ?? "",
    renewDays: String(s?.renewDays ?? 30),
    // Saved settings were agreed to; new ones are not until the box is ticked.
    termsAgreed: s !== null,
  };
}

const numberOf = (text: string) => text.trim() === "" ? NaN : Number(text);

export function bodyOf(d: AcmeDraft): Record<string, unknown> {
  return {
    directoryUrl: d.ca === OTHER_CA ? d.otherUrl.trim() : d.ca,
    email: d.email.trim() || null,
    termsAgreed: d.termsAgreed,
    domains: d.domains.split(/[\s,]+/).filter(Boolean),
    challenge: d.challenge === "http-01"
      ? { type: "http-01", port: numberOf(d.port) }
      : { type: "dns-01", hook: d.hook, waitSeconds: numberOf(d.waitSeconds) },
    caFile: d.caFile.trim() || null,
    renewDays: numberOf(d.renewDays),
  };
}
