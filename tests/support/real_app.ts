// Test helper for the issue-4 real-libvirtd tests: the whole application in process on
// qemu:///system with chosen storage roots, requested in memory, plus virsh and hashing helpers.

import type { Hono } from "hono";
import { createHash } from "node:crypto";
import type { Config } from "../../lib/config.ts";
import type { AppContext } from "../../lib/context.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { createContext } from "../../lib/compose.ts";
import { FEATURES } from "../../routes/features.ts";
import { openStore } from "../../lib/store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { createApp } from "../../routes/app.ts";
import { adminToken, signedIn } from "../harness/test_app.ts";
import { assertLibvirtReachable } from "./guest.ts";
import { freePort } from "../harness/free_port.ts";
export { freePort };

/** Every pool, volume, network and folder these tests make carries this prefix. */
export const T4_PREFIX = "kvmm-t4-";
export const URI = "qemu:///system";

export interface ApiResult {
  status: number;
  /** The parsed JSON body, the text when it is not JSON, null when empty. */
  body: any;
}

export interface RealApp {
  app: Hono;
  ctx: AppContext;
  /** The local host's libvirt client the app calls through. */
  client: LibvirtClient;
  events: AppEvent[];
  /** `app.request` with a JSON body when given; the answer parsed. */
  call(method: string, path: string, body?: unknown): Promise<ApiResult>;
  /** `app.request` as is, for streamed bodies. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Runs `fn` against the app on qemu:///system (or `uri`); throws loudly when libvirtd is not
 * reachable.
 */
export async function withRealApp(
  opts: {
    /** Another libvirtd than the shared one (a test's own, tests/support/private_libvirtd.ts). */
    uri?: string;
    storageRoots?: string[];
    /** The data folder (its ssh/ holds the key files host URIs may name); the store is in memory. */
    dataDir?: string;
  },
  fn: (t: RealApp) => Promise<void>,
): Promise<void> {
  const uri = opts.uri ?? URI;
  if (uri === URI) await assertLibvirtReachable();
  const config: Config = {
    uri,
    uriSource: "flag",
    demo: false,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: opts.dataDir ?? "/nonexistent",
    storageRoots: opts.storageRoots,
  };
  const { ctx, client, close } = createContext(config, {
    features: FEATURES,
    store: openStore(null),
  });
  const events: AppEvent[] = [];
  ctx.events.subscribe((e) => events.push(e));
  try {
    if (!await client.connect()) throw new Error(`cannot open ${uri}: ${client.state.error}`);
    const app = signedIn(createApp(ctx), adminToken(ctx));
    const request = (path: string, init?: RequestInit) =>
      Promise.resolve(app.request(`http://localhost${path}`, init));
    const call = async (method: string, path: string, body?: unknown) =>
      await parsed(
        await request(path, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    await fn({ app, ctx, client, events, call, request });
  } finally {
    await close();
  }
}

/** A response's status and body, JSON-parsed when it is JSON. */
export async function parsed(res: Response): Promise<ApiResult> {
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Runs a command; throws with its stderr when it fails. */
export async function run(cmd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")}: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout);
}

/** `virsh -c qemu:///system ARGS`; throws when it fails. */
export function virsh(...args: string[]): Promise<string> {
  return run("virsh", "-c", URI, ...args);
}

/** `virsh ARGS`, or null when it fails (the object does not exist …). */
export function virshOrNull(...args: string[]): Promise<string | null> {
  return virsh(...args).then((out) => out, () => null);
}

/** The `Key: value` lines of `virsh pool-info`, `net-info` or `vol-info`. */
export function infoFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([^:]+):\s*(.*)$/.exec(line.trim());
    if (m) fields[m[1].trim()] = m[2].trim();
  }
  return fields;
}

/** The names in the first column of a `virsh *-list` table. */
export function listedNames(text: string): string[] {
  return text.split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);
}

/** `qemu-img info` as JSON. */
export async function imageInfo(
  path: string,
): Promise<{ format: string; "virtual-size": number }> {
  return JSON.parse(await run("qemu-img", "info", "-U", "--output=json", path));
}

/** Best-effort removal of a test pool: stop, undefine; failures (already gone) are ignored. */
export async function removePool(name: string): Promise<void> {
  await virshOrNull("pool-destroy", name);
  await virshOrNull("pool-undefine", name);
}

/** Best-effort removal of a test network. */
export async function removeNetwork(name: string): Promise<void> {
  await virshOrNull("net-destroy", name);
  await virshOrNull("net-undefine", name);
}

/** The SHA-256 of a stream, read piece by piece: the stream is never held whole. */
export async function sha256OfStream(
  stream: ReadableStream<Uint8Array>,
): Promise<{ hex: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { hex: hash.digest("hex"), bytes };
}

/** The SHA-256 of a file, read piece by piece. */
export async function sha256OfFile(path: string): Promise<{ hex: string; bytes: number }> {
  using file = await Deno.open(path);
  return await sha256OfStream(file.readable);
}

/**
 * `size` reproducible pseudo-random bytes, made on the fly in 1 MiB pieces, and a promise of
 * their SHA-256 that settles once the stream has been read to its end.
 */
export function generatedBody(
  size: number,
  seed = 0x2545f491,
): { stream: ReadableStream<Uint8Array<ArrayBuffer>>; sha256: Promise<string> } {
  const hash = createHash("sha256");
  let left = size;
  let x = seed >>> 0 || 1;
  let resolve!: (hex: string) => void;
  const sha256 = new Promise<string>((r) => resolve = r);
  const stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (left === 0) {
        controller.close();
        resolve(hash.digest("hex"));
        return;
      }
      const n = Math.min(left, 1024 * 1024);
      const words = new Uint32Array(Math.ceil(n / 4));
      for (let i = 0; i < words.length; i++) {
        // xorshift32: cheap, and no two MiB alike, so a misplaced chunk changes the hash.
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        words[i] = x >>> 0;
      }
      const chunk = new Uint8Array(words.buffer, 0, n);
      hash.update(chunk);
      left -= n;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return { stream, sha256 };
}
