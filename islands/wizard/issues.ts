// Combining the wizard's issue lists: the browser's own check, the host's answer, a refused create.

import type { FieldIssue, VmConfig } from "../../shared/vms.ts";
import { fieldValue } from "./draft.ts";

/**
 * The issues of an answer about `asked` that still apply to `now`: those whose field has the
 * value it had when asked ("" stands for the whole config). The rest are stale.
 */
export function stillValid(
  issues: FieldIssue[],
  asked: VmConfig | null,
  now: VmConfig,
): FieldIssue[] {
  if (!asked) return [];
  const at = (c: VmConfig, f: string) => JSON.stringify(f ? fieldValue(c, f) : c);
  return issues.filter((i) => at(asked, i.field) === at(now, i.field));
}

/** The lists joined, each field-and-message pair once. */
export function mergeIssues(...lists: FieldIssue[][]): FieldIssue[] {
  const seen = new Set<string>();
  return lists.flat().filter((i) => {
    const key = `${i.field}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
