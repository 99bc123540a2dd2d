// Test helper: a real metrics.db full of samples with garbage written over one page in its middle.

import { METRICS_DB_FILE, MetricsHistory } from "../../lib/metrics/history.ts";

/** SHA-256 of a file's bytes, as hex. */
export async function fileHash(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Fills `${dir}/metrics.db` with an hour of samples of 20 VMs (a few hundred pages), closes it
 * cleanly, then overwrites one page in its middle with garbage; the header page stays intact, so
 * SQLite still opens the file. Returns the file's path and the damaged page's number.
 */
export function writeDamagedMetricsDb(dir: string): { path: string; page: number } {
  const history = MetricsHistory.open(dir, 5);
  const t0 = Date.UTC(2026, 0, 1);
  for (let t = t0; t < t0 + 3600_000; t += 5000) {
    history.record(
      t,
      { cpu: 12.5, memUsedMb: 1000, memTotalMb: 4000 },
      Array.from({ length: 20 }, (_, i) => ({
        vmId: `vm-${i}`,
        name: `vm${i}`,
        cpu: (t / 1000 + i) % 100,
        memUsedMb: 512 + i,
        memTotalMb: 1024,
        diskRead: t % 7919,
        diskWrite: i * 10,
        netRx: t % 104_729,
        netTx: i,
      })),
    );
  }
  const pageSize = Number(history.store.db.prepare("PRAGMA page_size").get()!.page_size);
  history.close(); // the last connection checkpoints the WAL into the file and removes it
  const path = `${dir}/${METRICS_DB_FILE}`;
  const bytes = Deno.readFileSync(path);
  const pages = bytes.length / pageSize;
  const page = Math.floor(pages / 2);
  let seed = 12345;
  for (let i = page * pageSize; i < (page + 1) * pageSize; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  Deno.writeFileSync(path, bytes);
  return { path, page };
}
