// Debian's Prometheus for tests: installed from apt when missing (the .deb is in apt's cache on
// the test machines; scripts/install-test-deps.sh lists it), run as a child process on a loopback
// port with a temporary configuration and data folder, queried over its HTTP API, and stopped
// with its folder removed. `promtool check metrics` lints an exposition.

import { run } from "./guest.ts";
import { freePort } from "../harness/free_port.ts";

async function has(cmd: string): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

/** Installs Debian's prometheus package unless prometheus and promtool run; throws if it cannot. */
export async function ensurePrometheus(): Promise<void> {
  if (await has("prometheus") && await has("promtool")) return;
  const out = await new Deno.Command("apt-get", {
    args: ["install", "-y", "-q", "--no-install-recommends", "prometheus"],
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success || !await has("prometheus") || !await has("promtool")) {
    throw new Error(
      "Prometheus is needed and could not be installed (apt-get install prometheus; " +
        `bash scripts/install-test-deps.sh installs it): ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  // Without a policy-rc.d that denies it, the package's postinst starts its daemon on :9090.
  await run("/etc/init.d/prometheus", ["stop"]).catch(() => {});
}

/** `promtool check metrics` on an exposition: what it prints (nothing when clean) and its exit. */
export async function promtoolCheck(text: string): Promise<{ ok: boolean; output: string }> {
  const child = new Deno.Command("promtool", {
    args: ["check", "metrics"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const out = await child.output();
  const dec = new TextDecoder();
  return { ok: out.success, output: (dec.decode(out.stdout) + dec.decode(out.stderr)).trim() };
}

export interface PrometheusRun {
  url: string;
  /** An instant query's result vector (throws on a query error). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Stops the process and removes its folder. */
  close(): Promise<void>;
}

/**
 * Prometheus scraping `target` (host:port) at /metrics every second with a bearer token, as
 * job `job`; resolves once it is ready.
 */
export async function startPrometheus(
  { target, token, job = "kvmm" }: { target: string; token: string; job?: string },
): Promise<PrometheusRun> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-prometheus-" });
  await Deno.writeTextFile(
    `${dir}/prometheus.yml`,
    `global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: ${job}
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials: ${token}
    static_configs:
      - targets: ["${target}"]
`,
  );
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = new Deno.Command("prometheus", {
    args: [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.console.templates=${dir}`,
      `--web.console.libraries=${dir}`,
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  const logged = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void log.push(chunk) }),
  );
  let exited = false;
  const status = child.status.finally(() => exited = true);
  const close = async () => {
    if (!exited) child.kill("SIGTERM");
    await status;
    await logged.catch(() => {});
    await Deno.remove(dir, { recursive: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new Error(`prometheus exited: ${log.join("").slice(-2000)}`);
      const ready = await fetch(`${url}/-/ready`).then(async (r) => {
        await r.body?.cancel();
        return r.ok;
      }, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`prometheus not ready: ${log.join("")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    url,
    async query(expr) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = await res.json();
      if (body.status !== "success") throw new Error(`query ${expr}: ${JSON.stringify(body)}`);
      return body.data.result;
    },
    close,
  };
}
