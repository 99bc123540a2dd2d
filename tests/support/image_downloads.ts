// Helpers of the real-libvirtd image download tests: disk-like bytes to serve, and the wait for a
// download's task to end (polled through the API, as the Images page follows it).

import { assertEquals } from "./assert.ts";
import type { RealApp } from "./real_app.ts";
import type { Task } from "../../shared/tasks.ts";

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
