// The batch bar's requests: one POST /api/vms/batch per host the selection spans (the merged
// view's rows live on several), with one result list in the selection's order.

import type { BatchAction, BatchItem, BatchResult } from "../../shared/vms.ts";
import { vmsBatchPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";
import type { VmRow } from "./rows.ts";
import { t } from "../../shared/i18n/t.ts";

/** Most VMs one batch request may name (lib/vms/input.ts BATCH_MAX_VMS, which the API checks). */
export const BATCH_LIMIT = 500;

/** What the bar says instead of sending a batch the API would refuse; null when it may go. */
export function batchRefusal(count: number): string | null {
  if (count === 0) return t("Select the VMs to act on first.");
  if (count > BATCH_LIMIT) {
    return t("Select at most {{max}} VMs for one batch action ({{selected}} are selected).", {
      max: BATCH_LIMIT,
      selected: count,
    });
  }
  return null;
}

/** Runs `action` on `vms`, each host's share in one request; results keep `vms`' order. */
export async function runBatch(
  action: BatchAction,
  vms: VmRow[],
  snapshot?: { name?: string },
): Promise<BatchResult> {
  const byHost = new Map<string | undefined, VmRow[]>();
  for (const vm of vms) byHost.set(vm.host, [...byHost.get(vm.host) ?? [], vm]);
  const answers = await Promise.all(
    [...byHost].map(([host, share]) =>
      request<BatchResult>("POST", withHost(vmsBatchPath(), host), {
        action,
        ids: share.map((vm) => vm.id),
        snapshot,
      }).then((r) => r.results.map((item, i) => [share[i], item] as const))
    ),
  );
  const found = new Map(answers.flat());
  const results: BatchItem[] = vms.map((vm) => found.get(vm)!);
  const succeeded = results.filter((r) => r.ok).length;
  return { action, results, succeeded, failed: results.length - succeeded };
}
