// What the audit log routes answer (routes/api/audit.ts).

import { z } from "zod";
import {
  AUDIT_RESULTS,
  type AuditEntry as Entry,
  type AuditPage as Page,
} from "../../../shared/audit.ts";
import { describes } from "./describes.ts";

const AuditEntry = describes<Entry>()(
  z.object({
    id: z.number().int(),
    at: z.string().meta({ description: "ISO 8601" }),
    user: z.string().meta({
      description: 'Account name; for a failed login the name tried; "-" when there is none',
    }),
    via: z.enum(["session", "token", "anonymous"]),
    tokenName: z.string().nullable(),
    tokenOldSecret: z.boolean().meta({
      description: "The token's secret before its last rotation (in its grace period) was used",
    }),
    ip: z.string().nullable(),
    action: z.string().meta({ description: '"vm.start", "pool.create", "auth.login"…' }),
    method: z.string(),
    path: z.string().meta({ description: "The concrete path asked for" }),
    target: z.string().nullable().meta({ description: "The resource the path names" }),
    status: z.number().int(),
    result: z.enum(AUDIT_RESULTS).meta({
      description: "ok: 1xx–3xx; denied: 401 or 403; error: any other failure",
    }),
    errorCode: z.string().nullable(),
    message: z.string().nullable(),
  }),
);

export const AuditPage = describes<Page>()(
  z.object({
    entries: z.array(AuditEntry),
    nextBefore: z.number().int().nullable().meta({
      description: "Asks for the next older page (?before=); null when this is the last",
    }),
  }).meta({ id: "AuditPage" }),
);

export const AuditActions = z.object({ actions: z.array(z.string()) }).meta({
  id: "AuditActions",
});
