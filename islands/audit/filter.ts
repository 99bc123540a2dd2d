// The filter form of /audit and the page's address: a draft of the form's fields, the API's
// query parameters (times in UTC ISO), and back.

import type { AuditResult } from "../../shared/audit.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** The form's fields as typed; "" means any. from/to are datetime-local values (local time). */
export interface FilterDraft {
  user: string;
  action: string;
  target: string;
  result: "" | AuditResult;
  from: string;
  to: string;
}

export const EMPTY_DRAFT: FilterDraft = {
  user: "",
  action: "",
  target: "",
  result: "",
  from: "",
  to: "",
};

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO time as a datetime-local value in the browser's zone ("" when not a time). */
export function localInputOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${
    pad(d.getMinutes())
  }`;
}

/** A datetime-local value (read in the browser's zone) as UTC ISO; throws naming the field. */
function isoOf(label: string, local: string): string {
  const d = new Date(local);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) || Number.isNaN(d.getTime())) {
    throw new Error(t("{{field}} is not a date and time", { field: t(label) }));
  }
  return d.toISOString();
}

/**
 * The API's query parameters for a draft: blank fields left out, times in UTC. Throws an Error
 * in the form's words for a time that is not one.
 */
export function paramsOfDraft(d: FilterDraft): URLSearchParams {
  const params = new URLSearchParams();
  const add = (key: string, value: string) => value.trim() && params.set(key, value.trim());
  add("user", d.user);
  add("action", d.action);
  add("target", d.target);
  add("result", d.result);
  if (d.from) params.set("since", isoOf(tKey("From"), d.from));
  if (d.to) params.set("until", isoOf(tKey("To"), d.to));
  return params;
}

/** The draft a page address (?user=…&since=…) asks for; unknown or odd values are dropped. */
export function draftOfParams(params: URLSearchParams): FilterDraft {
  const result = params.get("result") ?? "";
  return {
    user: params.get("user") ?? "",
    action: params.get("action") ?? "",
    target: params.get("target") ?? "",
    result: result === "ok" || result === "error" || result === "denied" ? result : "",
    from: localInputOf(params.get("since") ?? ""),
    to: localInputOf(params.get("until") ?? ""),
  };
}

/** Actions grouped by resource ("vm.start" → "vm"), for the action select's optgroups. */
export function groupActions(actions: string[]): { resource: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const dot = action.indexOf(".");
    // A fallback name ("POST /api/x") has no resource: it goes in a group of its own.
    const resource = dot > 0 && !action.includes(" ") ? action.slice(0, dot) : "other";
    groups.set(resource, [...groups.get(resource) ?? [], action]);
  }
  return [...groups].map(([resource, actions]) => ({ resource, actions }));
}
