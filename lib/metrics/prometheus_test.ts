import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { addDomains, addHost, Exposition, RequestCounter } from "./prometheus.ts";

interface Family {
  name: string;
  help: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}

const reading: MetricsReading = {
  atMs: 0,
  slow: true,
  domains: [{
    uuid: "6b5a6f1e-0000-4000-8000-000000000001",
    // Quotes, a backslash and a newline must come back out of the parser unchanged.
    name: 'we"b\\1\nx',
    params: {
      "state.state": 1,
      "cpu.time": 2_500_000_000,
      "vcpu.current": 2,
      "balloon.current": 1024,
      "balloon.maximum": 2048,
      "block.count": 1,
      "block.0.name": "vda",
      "block.0.path": "/var/lib/libvirt/images/web.qcow2",
      "block.0.rd.bytes": 4096,
      "block.0.wr.bytes": 8192,
      "net.count": 1,
      "net.0.name": "vnet0",
      "net.0.rx.bytes": 100,
      "net.0.tx.bytes": 200,
    },
  }],
  hostCpu: { kernel: 1e9, user: 2e9, idle: 3e9, iowait: 0 },
  hostMemory: { totalKiB: 1024, freeKiB: 512, reclaimableKiB: 256 },
};

Deno.test("prometheus - the exposition parses, with exporter names, labels and values", () => {
  const out = new Exposition();
  addDomains(out, reading);
  addHost(out, reading);
  const requests = new RequestCounter();
  requests.count("GET", "/api/vms", 200);
  requests.count("GET", "/api/vms", 200);
  requests.addTo(out);
  const families = parsePrometheusTextFormat(out.toString()) as Family[];
  const get = (name: string) => families.find((f) => f.name === name)!;
  const domain = { domain: 'we"b\\1\nx', uuid: "6b5a6f1e-0000-4000-8000-000000000001" };
  assertEquals(get("libvirt_domain_info_cpu_time_seconds_total").type, "COUNTER");
  assertEquals(get("libvirt_domain_info_cpu_time_seconds_total").metrics, [
    { value: "2.5", labels: domain },
  ]);
  assertEquals(get("libvirt_domain_info_memory_usage_bytes").metrics[0].value, "1048576");
  assertEquals(get("libvirt_domain_block_stats_read_bytes_total").metrics, [{
    value: "4096",
    labels: { ...domain, target_device: "vda", source_file: "/var/lib/libvirt/images/web.qcow2" },
  }]);
  assertEquals(get("libvirt_domain_interface_stats_transmit_bytes_total").metrics, [
    { value: "200", labels: { ...domain, target_device: "vnet0" } },
  ]);
  assertEquals(
    get("kvmm_host_cpu_seconds_total").metrics.map((m) => [m.labels!.mode, m.value]),
    [["kernel", "1"], ["user", "2"], ["idle", "3"], ["iowait", "0"]],
  );
  assertEquals(get("kvmm_host_memory_free_bytes").metrics[0].value, "524288");
  assertEquals(get("kvmm_http_requests_total").metrics, [
    { value: "2", labels: { method: "GET", route: "/api/vms", status: "200" } },
  ]);
  // HELP and TYPE once per family, before its samples.
  const text = out.toString();
  for (const f of families) {
    assertEquals(text.split(`# TYPE ${f.name} `).length, 2, `${f.name} has one TYPE line`);
    assertEquals(f.help.length > 0, true, `${f.name} has help`);
  }
});

Deno.test("prometheus - a fast reading exports no block families", () => {
  const out = new Exposition();
  const params = { "state.state": 1, "cpu.time": 1 };
  addDomains(out, { ...reading, slow: false, domains: [{ ...reading.domains[0], params }] });
  const names = (parsePrometheusTextFormat(out.toString()) as Family[]).map((f) => f.name);
  assertEquals(names, ["libvirt_domain_info_vstate", "libvirt_domain_info_cpu_time_seconds_total"]);
});
