// `PUT /api/vms/:id/firewall` checked before libvirt sees it: known actions, directions,
// protocols and policies; ports (1-65535, a range low to high) only on TCP and UDP; the other
// side as an IPv4 or IPv6 address or CIDR, and an IP version only where it says none; short
// comments without control characters; at most
// FIREWALL_RULES_MAX rules. Every refusal names the rule by its place.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import { AppError } from "../errors.ts";
import { pathName, trueOrFalse } from "../validate.ts";
import {
  FIREWALL_ACTIONS,
  FIREWALL_DIRECTIONS,
  FIREWALL_FAMILIES,
  FIREWALL_POLICIES,
  FIREWALL_PROTOCOLS,
  FIREWALL_RULES_MAX,
  type FirewallRule,
  remoteFamily,
} from "../../shared/vm_firewall.ts";

/** libvirt keeps a rule's comment up to 256 characters. */
const COMMENT_MAX = 256;

const oneOf = (what: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  t('Invalid {{what}} "{{value}}": must be one of {{values}}', {
    what,
    value: String(issue.input),
    values: values.join(", "),
  });

const PORT_WORDS = (port: unknown) =>
  t('Invalid port "{{port}}": a port from 1 to 65535, or a range such as 8000-8080', {
    port: String(port),
  });

/** "22", 22 or "8000-8080" → "22" / "8000-8080"; null when it is no port or range. */
export function portOf(value: unknown): string | null {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return null;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535 || start > end) return null;
  return start === end ? String(start) : `${start}-${end}`;
}

/** The longest address or CIDR: eight groups of four hex digits and "/128". */
const REMOTE_MAX = 43;

const REMOTE_WORDS = (value: unknown) =>
  t(
    'Invalid address "{{value}}": an IPv4 or IPv6 address, or a CIDR such as 10.0.0.0/8 or 2001:db8::/32 (host bits zero)',
    { value: String(value) },
  );

const COMMENT_WORDS = () =>
  t("A rule's comment is at most {{max}} characters, without control characters", {
    max: COMMENT_MAX,
  });

const RuleBody = z.strictObject({
  action: z.enum(FIREWALL_ACTIONS, { error: oneOf("action", FIREWALL_ACTIONS) }),
  direction: z.enum(FIREWALL_DIRECTIONS, { error: oneOf("direction", FIREWALL_DIRECTIONS) }),
  protocol: z.enum(FIREWALL_PROTOCOLS, { error: oneOf("protocol", FIREWALL_PROTOCOLS) }),
  port: z.union([z.string().max(11), z.number()], { error: (i) => PORT_WORDS(i.input) })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return undefined;
      const port = portOf(v);
      if (port === null) {
        ctx.addIssue({ code: "custom", message: PORT_WORDS(v), input: v });
        return z.NEVER;
      }
      return port;
    })
    .meta({ description: "TCP and UDP: the port, or a range such as 8000-8080" }),
  remote: z.string({ error: (i) => REMOTE_WORDS(i.input) }).max(REMOTE_MAX, {
    error: (i) => REMOTE_WORDS(i.input),
  }).refine((v) => remoteFamily(v) !== null, { error: (i) => REMOTE_WORDS(i.input) }).nullish()
    .meta({
      description:
        "The other side's IPv4 or IPv6 address or CIDR (in: the sender, out: the receiver); it keeps the rule to its IP version",
    }),
  family: z.enum(FIREWALL_FAMILIES, { error: oneOf("family", FIREWALL_FAMILIES) }).nullish()
    .meta({ description: "Only ipv4 or only ipv6; absent: both (or the address's own)" }),
  comment: z.string({ error: COMMENT_WORDS }).max(COMMENT_MAX, { error: COMMENT_WORDS })
    // deno-lint-ignore no-control-regex -- refusing control characters is the point
    .refine((c) => !/[\u0000-\u001f\u007f]/.test(c), { error: COMMENT_WORDS }).nullish(),
}, {
  error: () =>
    t('A rule looks like {"action": "accept", "direction": "in", "protocol": "tcp", "port": "22"}'),
}).superRefine((rule, ctx) => {
  if (rule.port !== undefined && rule.protocol !== "tcp" && rule.protocol !== "udp") {
    ctx.addIssue({
      code: "custom",
      message: t("Only TCP and UDP rules take a port"),
      path: ["port"],
      input: rule.port,
    });
  }
  const implied = rule.remote ? remoteFamily(rule.remote) : null;
  if (implied && rule.family && rule.family !== implied) {
    ctx.addIssue({
      code: "custom",
      message: t("The address {{remote}} is {{implied}}; the rule cannot be {{family}} only", {
        remote: rule.remote!,
        implied: implied === "ipv4" ? "IPv4" : "IPv6",
        family: rule.family === "ipv4" ? "IPv4" : "IPv6",
      }),
      path: ["family"],
      input: rule.family,
    });
  }
}).transform((r): FirewallRule => ({
  action: r.action,
  direction: r.direction,
  protocol: r.protocol,
  ...(r.port ? { port: r.port } : {}),
  ...(r.remote ? { remote: r.remote } : {}),
  // An address says its version itself: the family is kept only for rules without one.
  ...(r.family && !r.remote ? { family: r.family } : {}),
  ...(r.comment ? { comment: r.comment } : {}),
}));

const RULES_WORDS = () => t("rules lists at most {{max}} rules", { max: FIREWALL_RULES_MAX });

/** The body of `PUT /api/vms/:id/firewall`: the whole firewall, as it should be. */
export const VmFirewallBody = z.strictObject({
  enabled: trueOrFalse("enabled").meta({ description: "Whether the VM's NICs use the filter" }),
  antiSpoofing: trueOrFalse("antiSpoofing").meta({
    description: "libvirt's clean-traffic: no MAC, IP or ARP spoofing by the guest",
  }),
  inboundPolicy: z.enum(FIREWALL_POLICIES, { error: oneOf("inboundPolicy", FIREWALL_POLICIES) }),
  outboundPolicy: z.enum(FIREWALL_POLICIES, {
    error: oneOf("outboundPolicy", FIREWALL_POLICIES),
  }),
  rules: z.array(RuleBody, { error: RULES_WORDS }).max(FIREWALL_RULES_MAX, {
    error: RULES_WORDS,
  }),
}, {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? t("Unknown field: {{field}}", { field: issue.keys[0] })
      : t(
        'Body must be a JSON object like {"enabled": true, "antiSpoofing": true, "inboundPolicy": "drop", "outboundPolicy": "accept", "rules": []}',
      ),
});

export type VmFirewallSettings = z.output<typeof VmFirewallBody>;

/** A refusal that names the rule by its place ("Rule 3: …") and the field by its path. */
export function firewallRefusal(issue: z.core.$ZodIssue): AppError {
  const where = pathName(issue.path);
  const rule = /^rules\[(\d+)\]/.exec(where);
  const message = rule
    ? t("Rule {{n}}: {{problem}}", { n: Number(rule[1]) + 1, problem: issue.message })
    : issue.message;
  return new AppError("BAD_REQUEST", message, where ? { field: where } : undefined);
}
