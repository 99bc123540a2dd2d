// The server process's own figures for /metrics: resident memory and threads (from /proc), the
// main isolate's V8 heap, and the libvirt worker isolates: the shared call workers, and those a
// host holds of its own (transfers, consoles); what bench/memory.ts reads to break the process's
// memory down.

import { callPool } from "../../ffi/libvirt/call_pool.ts";
import type { HostRegistry } from "./registry.ts";
import type { Exposition } from "../metrics/prometheus.ts";

/** VmRSS and Threads of this process from /proc/self/status; null where unreadable. */
export function processStatus(): { rssBytes: number; threads: number } | null {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    const threads = /^Threads:\s+(\d+)$/m.exec(status)?.[1];
    if (!rss || !threads) return null;
    return { rssBytes: Number(rss) * 1024, threads: Number(threads) };
  } catch {
    return null;
  }
}

/** Adds the process's memory, threads and V8 heap, and each host's libvirt isolates. */
export function addProcess(out: Exposition, hosts: Pick<HostRegistry, "handles">): void {
  const status = processStatus();
  if (status) {
    out.add(
      "process_resident_memory_bytes",
      "gauge",
      "Resident memory size in bytes.",
      status.rssBytes,
    );
    out.add("kvmm_process_threads", "gauge", "Threads of the server process.", status.threads);
  }
  const heap = Deno.memoryUsage();
  out.add(
    "kvmm_v8_heap_used_bytes",
    "gauge",
    "V8 heap in use by the main isolate (worker isolates not included).",
    heap.heapUsed,
  );
  out.add(
    "kvmm_v8_heap_total_bytes",
    "gauge",
    "V8 heap reserved by the main isolate.",
    heap.heapTotal,
  );
  out.add(
    "kvmm_v8_external_bytes",
    "gauge",
    "Memory held outside the main isolate's heap by its objects (buffers).",
    heap.external,
  );
  for (const host of hosts.handles()) {
    out.add(
      "kvmm_libvirt_isolates",
      "gauge",
      "Worker threads (V8 isolates) a host's libvirt client holds of its own: transfers, consoles.",
      host.client.isolates,
      { host: host.id },
    );
  }
  for (const pool of ["calls", "agent"] as const) {
    out.add(
      "kvmm_libvirt_shared_isolates",
      "gauge",
      "Libvirt call worker threads (V8 isolates) every host shares: calls, guest-agent calls.",
      callPool(pool).isolates,
      { pool },
    );
  }
}
