// GET /metrics for the whole fleet: every host's VMs and host figures labelled with its id as
// `host` ("local" for the host the server was started with), whether each host is up, and the
// server's own figures. Built from what each host's collector last read, never from a libvirt
// call: a host that is down or slow costs a scrape nothing and fails none of it.

import { type HostRegistry, statusOf } from "./registry.ts";
import { buildInfo } from "../version.ts";
import type { Monitoring } from "../metrics/monitoring.ts";
import { addProcess } from "./process_metrics.ts";
import { Exposition } from "../metrics/prometheus.ts";

/** The exposition of every host of `hosts`, and of the server (`local`: its own monitoring). */
export function fleetMetrics(
  { local, hosts }: {
    local: Monitoring;
    hosts: Pick<HostRegistry<{ monitoring: Monitoring }>, "handles">;
  },
): string {
  const out = new Exposition();
  // Unlabelled, as before hosts had a label: the local host's connection (kvmm_host_up{host="local"}).
  out.add(
    "libvirt_up",
    "gauge",
    "Whether KVM Manager is connected to its local host's libvirt.",
    local.connected ? 1 : 0,
  );
  const { version, commit } = buildInfo();
  out.add(
    "kvmm_build_info",
    "gauge",
    "Always 1: the running KVM Manager's version and commit as labels.",
    1,
    { version, commit },
  );
  for (const host of hosts.handles()) {
    out.add(
      "kvmm_host_up",
      "gauge",
      "Whether KVM Manager is connected to the host's libvirt (1) or not (0).",
      statusOf(host).connected ? 1 : 0,
      { host: host.id },
    );
    out.add(
      "kvmm_host_info",
      "gauge",
      "Always 1: each host's id (the host label of its series) and its name.",
      1,
      { host: host.id, name: host.name },
    );
    host.ctx.monitoring.addSeries(out, host.id);
  }
  local.requests.addTo(out);
  addProcess(out, hosts);
  return out.toString();
}
