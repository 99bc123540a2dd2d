// The ACME settings as PUT /api/acme takes them, with bounded sizes: every problem is 400
// INVALID_ACME in the words the form shows beside its field.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import type { IssueCodes } from "../validate.ts";
import { strictBodyError } from "../validate.ts";

export const ACME_CODES: IssueCodes = { code: "INVALID_ACME", nameField: true };

export const MAX_DOMAINS = 20;
const MAX_URL = 1024;
const MAX_PATH = 4096;
export const DEFAULT_RENEW_DAYS = 30;
export const DEFAULT_HTTP_PORT = 80;

/** A DNS name (RFC 1123 labels); `*.` first only for DNS-01, which the body's check says. */
const DNS_NAME =
  /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A hook's file name in the hook folder: no path, no option, no dot first. */
export const HOOK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

const badDomain = () =>
  t("Each domain is a DNS name such as vm.example.com, with at least one dot");

const Http01 = z.strictObject({
  type: z.literal("http-01"),
  port: z.number({ error: () => t("port must be a whole number from 1 to 65535") }).int({
    error: () => t("port must be a whole number from 1 to 65535"),
  }).min(1).max(65535).default(DEFAULT_HTTP_PORT),
}, strictBodyError('{"type": "http-01", "port": 80}'));

const Dns01 = z.strictObject({
  type: z.literal("dns-01"),
  hook: z.string({ error: () => t("hook must name an executable in the hook folder") }).regex(
    HOOK_NAME,
    { error: () => t("hook must name an executable in the hook folder") },
  ),
  waitSeconds: z.number({ error: () => t("waitSeconds must be a whole number from 0 to 600") })
    .int({ error: () => t("waitSeconds must be a whole number from 0 to 600") })
    .min(0, { error: () => t("waitSeconds must be a whole number from 0 to 600") })
    .max(600, { error: () => t("waitSeconds must be a whole number from 0 to 600") })
    .default(0),
}, strictBodyError('{"type": "dns-01", "hook": "my-dns", "waitSeconds": 30}'));

/** PUT /api/acme. */
export const AcmeBody = z.strictObject({
  directoryUrl: z.string({ error: () => t("directoryUrl must be an https:// URL") }).max(MAX_URL, {
    error: () => t("directoryUrl must be an https:// URL"),
  }).refine(isHttpsUrl, { error: () => t("directoryUrl must be an https:// URL") }).meta({
    description: "The CA's ACME directory, e.g. https://acme-v02.api.letsencrypt.org/directory",
  }),
  email: z.email({ error: () => t("email must be an e-mail address") }).max(254).nullable()
    .default(null).meta({ description: "Where the CA may write about this account" }),
  termsAgreed: z.literal(true, {
    error: () => t("Agree to the CA's terms of service to order a certificate"),
  }).meta({ description: "The admin agrees to the CA's terms of service" }),
  domains: z.array(
    z.string({ error: badDomain }).max(253, { error: badDomain }).transform((s) => s.toLowerCase())
      .refine((s) => DNS_NAME.test(s), { error: badDomain }),
    { error: () => t("domains must be a list of DNS names") },
  ).min(1, { error: () => t("Give at least one domain") }).max(MAX_DOMAINS, {
    error: () => t("At most {{max}} domains", { max: MAX_DOMAINS }),
  }).meta({ description: "The certificate's names; the first is its common name" }),
  challenge: z.discriminatedUnion("type", [Http01, Dns01], {
    error: () => t("challenge.type must be http-01 or dns-01"),
  }),
  caFile: z.string({ error: () => t("caFile must be an absolute path") }).max(MAX_PATH)
    .refine((s) => s.startsWith("/") && !s.includes("\0"), {
      error: () => t("caFile must be an absolute path"),
    }).nullable().default(null).meta({
      description:
        "PEM file of the CA that signed the ACME server's HTTPS certificate (internal CAs)",
    }),
  renewDays: z.number({ error: () => t("renewDays must be a whole number from 1 to 90") }).int({
    error: () => t("renewDays must be a whole number from 1 to 90"),
  }).min(1, { error: () => t("renewDays must be a whole number from 1 to 90") }).max(90, {
    error: () => t("renewDays must be a whole number from 1 to 90"),
  }).default(DEFAULT_RENEW_DAYS),
}, strictBodyError()).superRefine((body, ctx) => {
  if (new Set(body.domains).size !== body.domains.length) {
    ctx.addIssue({ code: "custom", path: ["domains"], message: t("A domain is given twice") });
  }
  if (body.challenge.type === "http-01" && body.domains.some((d) => d.startsWith("*."))) {
    ctx.addIssue({
      code: "custom",
      path: ["domains"],
      message: t("A wildcard name (*.example.com) needs the DNS-01 challenge"),
    });
  }
});

export type AcmeBodyValue = z.infer<typeof AcmeBody>;

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}
