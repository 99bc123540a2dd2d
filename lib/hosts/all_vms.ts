// The merged VM list of every host. Each host is asked at once and given a few seconds: a host
// that is down answers at once (its client knows it is not connected), and one that hangs is
// reported as not answering instead of holding up the others.

import type { VmSummary } from "../../shared/vms.ts";
import { type HostRegistry, statusOf } from "./registry.ts";
import type { VmService } from "../vms/service.ts";
import type { AllHostsVms } from "../../shared/hosts.ts";
import { t } from "../../shared/i18n/t.ts";

/** How long one host may take to list its VMs for the merged view. */
export const ALL_HOSTS_WAIT_MS = 3000;

export async function allHostsVms(
  hosts: Pick<HostRegistry<{ vms: Pick<VmService, "listVms"> }>, "handles">,
  waitMs = ALL_HOSTS_WAIT_MS,
): Promise<AllHostsVms<VmSummary>> {
  const answers = await Promise.all(
    hosts.handles().map(async (host) => {
      const status = statusOf(host);
      if (!status.connected) return { status: { ...status, vmCount: null }, vms: [] };
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Worded now, in the request's language: the timer fires outside the request.
      const lateWords = t("did not answer within {{seconds}} s", { seconds: waitMs / 1000 });
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(lateWords)), waitMs);
      });
      try {
        const vms = await Promise.race([host.ctx.vms.listVms(), late]);
        return {
          status: { ...status, vmCount: vms.length },
          vms: vms.map((vm) => ({ ...vm, host: host.id, hostName: host.name })),
        };
      } catch (err) {
        return {
          status: { ...status, connected: false, error: (err as Error).message, vmCount: null },
          vms: [],
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return {
    vms: answers.flatMap((a) => a.vms),
    hosts: answers.map((a) => a.status),
  };
}
