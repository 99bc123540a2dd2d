// Browser calls of the audit API.

import type { AuditPage } from "../../shared/audit.ts";
import { auditActionsPath, auditPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

/** One page of entries for `params` (paramsOfDraft), older than `before` when given. */
export function listAudit(params: URLSearchParams, before: number | null): Promise<AuditPage> {
  const query = new URLSearchParams(params);
  if (before !== null) query.set("before", String(before));
  const q = query.toString();
  return request<AuditPage>("GET", `${auditPath()}${q ? `?${q}` : ""}`);
}

export const listActions = () =>
  request<{ actions: string[] }>("GET", auditActionsPath()).then((r) => r.actions);
