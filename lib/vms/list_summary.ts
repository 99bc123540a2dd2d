// The VM list's rows: the one bulk listing plus what the server already holds about each VM, so
// no figure costs a libvirt call per VM: guest addresses (the guest service's cache), policy
// tags, CPU and memory use from the collector's latest sample, the OS (os_cache.ts) and the
// uptime (start_times.ts).

import type { VmSummary } from "../../shared/vms.ts";
import type { VmSample } from "../metrics/sampler.ts";

/** What the list adds to the bulk listing; each part is optional. */
export interface ListExtras {
  /** A VM's last-seen guest addresses. */
  addresses?: (vmId: string) => string[] | undefined;
  /** Effective policies by UUID (for the tags). */
  policies?: ReadonlyMap<string, { tags?: string[] }>;
  /** The collector's latest samples by UUID (running VMs only). */
  usage?: ReadonlyMap<string, Partial<VmSample>>;
  /** A VM's osinfo short id, as far as the OS cache has read it. */
  os?: (vmId: string) => string | undefined;
  /** Whether a VM is protected from deletion, as far as the OS cache has read it. */
  protection?: (vmId: string) => boolean;
  /** A running VM's uptime in seconds, where its start is known (start_times.ts). */
  uptime?: (vmId: string) => number | undefined;
  /** Whether a running VM's changes wait for its next boot, as far as compared (pending_cache.ts). */
  pending?: (vmId: string) => boolean | undefined;
}

const percent = (part: number, whole: number) =>
  Math.round(Math.min(100, Math.max(0, part / whole * 100)) * 10) / 10;

/** The sample's disk and network rates under the list's names, each only where sampled. */
function ioRates(sample: Partial<VmSample>): Partial<VmSummary> {
  const rates: Partial<VmSummary> = {};
  const pairs = [
    ["diskReadBps", sample.diskRead],
    ["diskWriteBps", sample.diskWrite],
    ["netRxBps", sample.netRx],
    ["netTxBps", sample.netTx],
  ] as const;
  for (const [key, value] of pairs) if (value != null) rates[key] = Math.round(value);
  return rates;
}

/** `vms` with addresses, tags, usage and OS where known; a VM without them is left as it is. */
export function withListExtras(vms: VmSummary[], extras: ListExtras): VmSummary[] {
  const { addresses, policies, usage, os, uptime, pending, protection } = extras;
  if (
    !addresses && !policies?.size && !usage?.size && !os && !uptime && !pending && !protection
  ) return vms;
  return vms.map((vm) => {
    const ipAddresses = addresses?.(vm.id);
    const tags = policies?.get(vm.id)?.tags;
    // A stopped VM keeps no sample; a running one has none until its second tick.
    const sample = vm.state === "running" ? usage?.get(vm.id) : undefined;
    const cpuPercent = sample?.cpu ?? undefined;
    const memoryPercent = sample?.memUsedMb != null && sample.memTotalMb
      ? percent(sample.memUsedMb, sample.memTotalMb)
      : undefined;
    const rates = sample ? ioRates(sample) : {};
    const osId = os?.(vm.id);
    const uptimeSeconds = uptime?.(vm.id);
    return {
      ...vm,
      ...(ipAddresses ? { ipAddresses } : {}),
      ...(tags?.length ? { tags } : {}),
      ...(cpuPercent !== undefined ? { cpuPercent } : {}),
      ...(memoryPercent !== undefined ? { memoryPercent } : {}),
      ...(memoryPercent !== undefined && sample?.memNoGuestStats
        ? { memoryNoGuestStats: true as const }
        : {}),
      ...rates,
      ...(osId ? { os: osId } : {}),
      ...(uptimeSeconds !== undefined ? { uptimeSeconds } : {}),
      ...(pending?.(vm.id) ? { changesPending: true as const } : {}),
      ...(protection?.(vm.id) ? { protected: true } : {}),
    };
  });
}
