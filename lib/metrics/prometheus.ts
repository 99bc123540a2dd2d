// GET /metrics: the collectors' last readings in Prometheus' text format (version 0.0.4).
// Per-domain names follow the libvirt exporters (kumina/libvirt_exporter and its forks), so
// existing dashboards work; host and KVM Manager figures use the kvmm_ prefix. Every host's
// series carry its id as `host` (fleet_metrics.ts).

import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";

export type Labels = Record<string, string>;

/** Escapes a label value: backslash, double quote and newline. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}

/** Builds the exposition: each family's HELP and TYPE once, then its samples. */
export class Exposition {
  #families = new Map<string, { help: string; type: string; lines: string[] }>();

  add(name: string, type: "counter" | "gauge", help: string, value: number, labels: Labels = {}) {
    let family = this.#families.get(name);
    if (!family) {
      family = { help, type, lines: [] };
      this.#families.set(name, family);
    }
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
    family.lines.push(`${name}${pairs.length ? `{${pairs.join(",")}}` : ""} ${formatValue(value)}`);
  }

  toString(): string {
    let out = "";
    for (const [name, f] of this.#families) {
      out += `# HELP ${name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n`;
      out += `# TYPE ${name} ${f.type}\n`;
      out += f.lines.join("\n") + "\n";
    }
    return out;
  }
}

type Family = readonly [param: string, name: string, help: string];

const same = (v: number) => v;
const kib = (v: number) => v * 1024;

/** Per-domain figures: stats parameter, family, help, type, and the conversion to its unit. */
const INFO: readonly [...Family, "counter" | "gauge", (v: number) => number][] = [
  [
    "cpu.time",
    "libvirt_domain_info_cpu_time_seconds_total",
    "Amount of CPU time used by the domain, in seconds.",
    "counter",
    (ns) => ns / 1e9,
  ],
  [
    "vcpu.current",
    "libvirt_domain_info_virtual_cpus",
    "Number of virtual CPUs for the domain.",
    "gauge",
    same,
  ],
  [
    "balloon.maximum",
    "libvirt_domain_info_maximum_memory_bytes",
    "Maximum allowed memory of the domain, in bytes.",
    "gauge",
    kib,
  ],
  [
    "balloon.current",
    "libvirt_domain_info_memory_usage_bytes",
    "Memory usage of the domain, in bytes.",
    "gauge",
    kib,
  ],
];

const BLOCK: readonly Family[] = [
  ["rd.bytes", "read_bytes_total", "Number of bytes read from a block device, in bytes."],
  ["rd.reqs", "read_requests_total", "Number of read requests from a block device."],
  ["wr.bytes", "write_bytes_total", "Number of bytes written to a block device, in bytes."],
  ["wr.reqs", "write_requests_total", "Number of write requests to a block device."],
];

const NET: readonly Family[] = [
  ["rx.bytes", "receive_bytes_total", "Number of bytes received on a network interface."],
  ["rx.pkts", "receive_packets_total", "Number of packets received on a network interface."],
  ["rx.errs", "receive_errors_total", "Number of packet receive errors on a network interface."],
  ["rx.drop", "receive_drops_total", "Number of packet receive drops on a network interface."],
  ["tx.bytes", "transmit_bytes_total", "Number of bytes transmitted on a network interface."],
  ["tx.pkts", "transmit_packets_total", "Number of packets transmitted on a network interface."],
  ["tx.errs", "transmit_errors_total", "Number of packet transmit errors on a network interface."],
  ["tx.drop", "transmit_drops_total", "Number of packet transmit drops on a network interface."],
];

/**
 * The counters of each `prefix.N` device (block or net) as `family_prefix + name`, labelled with
 * the device's own labels.
 */
function addDevices(
  out: Exposition,
  p: TypedParams,
  prefix: "block" | "net",
  familyPrefix: string,
  families: readonly Family[],
  labelsOf: (i: number) => Labels,
) {
  for (let i = 0; i < Number(p[`${prefix}.count`] ?? 0); i++) {
    const labels = labelsOf(i);
    for (const [field, name, help] of families) {
      const value = p[`${prefix}.${i}.${field}`];
      if (value !== undefined) out.add(familyPrefix + name, "counter", help, Number(value), labels);
    }
  }
}

/**
 * The per-domain families of one reading, each sample with `base` labels (its host) first.
 * Block figures come with slow readings only.
 */
export function addDomains(out: Exposition, reading: MetricsReading, base: Labels = {}): void {
  for (const rec of reading.domains) {
    const p = rec.params;
    const labels = { ...base, domain: rec.name, uuid: rec.uuid };
    out.add(
      "libvirt_domain_info_vstate",
      "gauge",
      "Domain state: 1 running, 2 blocked, 3 paused, 4 shutting down, 5 shut off, 6 crashed, 7 suspended.",
      Number(p["state.state"] ?? 0),
      labels,
    );
    for (const [param, name, help, type, convert] of INFO) {
      if (p[param] !== undefined) out.add(name, type, help, convert(Number(p[param])), labels);
    }
    addDevices(out, p, "block", "libvirt_domain_block_stats_", BLOCK, (i) => ({
      ...labels,
      target_device: String(p[`block.${i}.name`] ?? ""),
      source_file: String(p[`block.${i}.path`] ?? ""),
    }));
    addDevices(out, p, "net", "libvirt_domain_interface_stats_", NET, (i) => ({
      ...labels,
      target_device: String(p[`net.${i}.name`] ?? ""),
    }));
  }
}

/** Host CPU and memory figures of one reading, each sample with `base` labels (its host). */
export function addHost(out: Exposition, reading: MetricsReading, base: Labels = {}): void {
  for (const [mode, ns] of Object.entries(reading.hostCpu ?? {})) {
    out.add(
      "kvmm_host_cpu_seconds_total",
      "counter",
      "Seconds the host's CPUs spent in each mode, all CPUs together.",
      ns / 1e9,
      { ...base, mode },
    );
  }
  const m = reading.hostMemory;
  out.add("kvmm_host_memory_total_bytes", "gauge", "Host memory.", m.totalKiB * 1024, base);
  out.add(
    "kvmm_host_memory_free_bytes",
    "gauge",
    "Host memory not in use.",
    m.freeKiB * 1024,
    base,
  );
  out.add(
    "kvmm_host_memory_reclaimable_bytes",
    "gauge",
    "Host page cache and buffers, which the kernel gives back on demand.",
    m.reclaimableKiB * 1024,
    base,
  );
}

/** Counts HTTP requests by method, route pattern and status for kvmm_http_requests_total. */
export class RequestCounter {
  #counts = new Map<string, { method: string; route: string; status: string; n: number }>();

  count(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${status}`;
    const entry = this.#counts.get(key);
    if (entry) entry.n++;
    else this.#counts.set(key, { method, route, status: String(status), n: 1 });
  }

  addTo(out: Exposition): void {
    for (const { method, route, status, n } of this.#counts.values()) {
      out.add(
        "kvmm_http_requests_total",
        "counter",
        "HTTP requests KVM Manager answered, by method, route and status.",
        n,
        { method, route, status },
      );
    }
  }
}
