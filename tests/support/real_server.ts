// Test helper: the real server (`startServer`, as `kvm-manager serve` runs it) on qemu:///system,
// listening on a free loopback port over plain HTTP, with its data in `dataDir`; a test's run of
// it with what it needs made first and cleaned up after, and JSON calls to it as admin.

import type { Config } from "../../lib/config.ts";
import { type Server, startServer } from "../../main.ts";
import { adminHeaders } from "./browser_helpers.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  TEST_PREFIX,
  waitForGuestReady,
} from "./guest.ts";
import { type ApiResult, parsed } from "./real_app.ts";

/** Starts the server quietly; `extra` overrides single settings (e.g. `statsInterval`). */
export function startRealServer(dataDir: string, extra: Partial<Config> = {}): Promise<Server> {
  return startServer({
    uri: "qemu:///system",
    uriSource: "flag",
    demo: false,
    listen: { hostname: "127.0.0.1", port: 0 },
    tls: { mode: "off" },
    dataDir,
    ...extra,
  }, { quiet: true });
}

/**
 * An admin's JSON call to `server`; a failed answer fails the test with its status and body.
 * The answer's JSON, or null for 204.
 */
export async function adminCall<T = unknown>(
  server: Server,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...adminHeaders(server), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** One JSON request to `server` as admin: its status and body, whatever the status. */
export async function apiCall(
  server: Server,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult> {
  const res = await fetch(server.url + path, {
    method,
    headers: body === undefined
      ? adminHeaders(server)
      : { "content-type": "application/json", ...adminHeaders(server) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return await parsed(res);
}

/**
 * The real server over a fresh data dir (named kvmm-test-*) for `fn`, given what `prepare` made
 * before the server started. `cleanup` runs first and always after; the server and the data dir
 * are always torn down, also when `prepare` or `fn` fails. Throws loudly without libvirtd.
 */
export async function withRealServer<T>(
  { cleanup, prepare, extra = {} }: {
    cleanup: () => Promise<void>;
    prepare: () => Promise<T>;
    /** Single settings of the server (e.g. `statsInterval`). */
    extra?: Partial<Config>;
  },
  fn: (server: Server, prepared: T) => Promise<void>,
): Promise<void> {
  await assertLibvirtReachable();
  await cleanup();
  const dataDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  let server: Server | undefined;
  try {
    const prepared = await prepare();
    server = await startRealServer(dataDir, extra);
    await fn(server, prepared);
  } finally {
    await server?.close();
    await cleanup();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** A test guest of tests/support/guest.ts as the real server knows it. */
export interface GuestOnServer {
  name: string;
  uuid: string;
}

/**
 * A test guest named `prefix` + pid (defined, and with `boot` started through the API and booted
 * to its init) and the real server over a fresh data dir; guests named `prefix`*, the server and
 * the data dir are always torn down, also when `fn` fails.
 */
export async function withGuestServer(
  prefix: string,
  fn: (server: Server, guest: GuestOnServer) => Promise<void>,
  { boot = false }: { boot?: boolean } = {},
): Promise<void> {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(prefix);
  const dataDir = await Deno.makeTempDir({ prefix });
  let server: Server | undefined;
  try {
    const guest = await defineTestGuest(`${prefix}${Deno.pid}`);
    server = await startRealServer(dataDir);
    if (boot) {
      await adminCall(server, "POST", `/api/vms/${guest.uuid}/start`);
      await waitForGuestReady(guest.name);
    }
    await fn(server, guest);
  } finally {
    await server?.close();
    await cleanupGuestsNamed(prefix);
    await Deno.remove(dataDir, { recursive: true });
  }
}
