// Helpers of the real-libvirtd image download tests: disk-like bytes to serve, the wait for a
// download's task to end (polled through the API, as the Images page follows it), and what the
// wizard's page /vms/new?image=ID hands its island.

import { assert, assertEquals } from "./assert.ts";
import type { RealApp } from "./real_app.ts";
import type { Task } from "../../shared/tasks.ts";
import type { WizardOptions } from "../../islands/wizard/options.ts";
import type { VmConfig } from "../../shared/vms.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `size` bytes of a disk-like file: pseudo-random MiBs with runs of zeros between. */
export function diskBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    if ((i >> 20) % 3 === 1) continue; // every third MiB stays zero
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 255;
    bytes[i + 1] = (x >> 8) & 255;
  }
  return bytes;
}

/** The task once it ended (polled through the API). */
export async function ended(t: RealApp, id: number): Promise<Task> {
  for (let i = 0; i < 600; i++) {
    const res = await t.call("GET", `/api/tasks/${id}`);
    assertEquals(res.status, 200, JSON.stringify(res.body));
    if (res.body.status !== "running") return res.body as Task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${id} still running after 60 s`);
}

/** An HTML attribute's text as the browser reads it. */
function unescapeAttribute(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|quot|amp|lt|gt|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/** The props the page /vms/new?image=ID hands the wizard island (what the browser hydrates). */
export async function wizardProps(
  t: RealApp,
  image: string,
): Promise<{ options: WizardOptions; prefill: Partial<VmConfig> | null }> {
  let res: Response, html: string;
  // A page whose first libvirt read is slower than its bound (a loaded host) says so with a 503
  // and renews itself; the read goes on and the next request gets its answer.
  for (let i = 0;; i++) {
    res = await t.request(`/vms/new?image=${encodeURIComponent(image)}`);
    html = await res.text();
    if (res.status !== 503 || i === 20) break;
    await sleep(1000);
  }
  // A refused page says why in its text.
  assertEquals(res.status, 200, html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").slice(-800));
  const m = /data-island="CreateVmWizard" data-props="([^"]*)"/.exec(html);
  assert(m, "the page has the wizard island");
  return JSON.parse(unescapeAttribute(m[1]));
}
