// What /api/acme answers (routes/api/acme.ts): the settings, the certificate served and the last
// one ordered, the last order's outcome and the next renewal.

import { z } from "zod";
import type {
  AcmeCertificate as Certificate,
  AcmeInfo as Info,
  AcmeSettings as Settings,
} from "../../../shared/acme.ts";
import { describes } from "./describes.ts";

const ISO = { description: "ISO 8601" };

const Challenge = z.discriminatedUnion("type", [
  z.object({ type: z.literal("http-01"), port: z.number().int() }),
  z.object({
    type: z.literal("dns-01"),
    hook: z.string().meta({ description: "An executable in the hook folder" }),
    waitSeconds: z.number().int().meta({
      description: "Seconds to wait after the hook set the record",
    }),
  }),
]);

const AcmeSettings = describes<Settings>()(
  z.object({
    directoryUrl: z.string(),
    email: z.string().nullable(),
    domains: z.array(z.string()),
    challenge: Challenge,
    caFile: z.string().nullable(),
    renewDays: z.number().int(),
  }).meta({ id: "AcmeSettings" }),
);

const AcmeCertificate = describes<Certificate>()(
  z.object({
    domains: z.array(z.string()),
    issuer: z.string(),
    notBefore: z.string().meta(ISO),
    notAfter: z.string().meta(ISO),
    fingerprint: z.string().meta({ description: "SHA-256, AB:CD:…" }),
  }).meta({ id: "AcmeCertificate" }),
);

export const AcmeInfo = describes<Info>()(
  z.object({
    settings: AcmeSettings.nullable(),
    unavailable: z.string().nullable().meta({
      description: "Why ACME cannot manage this server's certificate (own files, plain HTTP)",
    }),
    served: z.object({ notAfter: z.string().meta(ISO), fingerprint: z.string() }).nullable(),
    certificate: AcmeCertificate.nullable(),
    lastOrder: z.object({
      at: z.string().meta(ISO),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }).nullable(),
    renewAt: z.string().nullable().meta(ISO),
    ordering: z.boolean(),
    hooks: z.array(z.string()),
    hookDir: z.string(),
  }).meta({ id: "AcmeInfo" }),
);
