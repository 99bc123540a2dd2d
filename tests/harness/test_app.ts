// Test helper: the whole application on a private test-driver node, requested in memory.

import type { Hono } from "hono";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { AuthSettings, Role } from "../../shared/auth.ts";
import type { Config } from "../../lib/config.ts";
import type { HostAccounts } from "../../lib/auth/pam.ts";
import type { AppContext } from "../../lib/context.ts";
import { createContext } from "../../lib/compose.ts";
import { FEATURES } from "../../routes/features.ts";
import type { Clock } from "../../lib/scheduler/scheduler.ts";
import { openStore } from "../../lib/store.ts";
import { type TestDomainSpec, writeTestNode } from "../support/test_node.ts";
import type { AppEvent } from "../../shared/events.ts";
import { createApp } from "../../routes/app.ts";
import type { Declared } from "../../routes/declare.ts";
import { RouteTable } from "../../routes/route_table.ts";

export interface TestApp {
  app: Hono;
  ctx: AppContext;
  client: LibvirtClient;
  events: AppEvent[];
  /** `app.request` on http://localhost with a JSON body when given, as an admin. */
  req(method: string, path: string, body?: unknown): Promise<Response>;
  /** The admin API token `req` and `app.request` send (unless a request sets its own). */
  token: string;
  /** A new API token with this role (and VMs for an operator), for requests as that role. */
  tokenFor(role: Role, vms?: "*" | string[]): string;
}

/**
 * The app, whose `request` sends `token` as its bearer unless the request carries its own
 * Authorization header or a cookie: every test goes through the real sign-in checks.
 */
export function signedIn(app: Hono, token: string): Hono {
  const request = app.request.bind(app);
  app.request = (input, init, ...rest) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : {}));
    if (!headers.has("authorization") && !headers.has("cookie")) {
      headers.set("authorization", `Bearer ${token}`);
    }
    return request(input, { ...init, headers }, ...rest);
  };
  return app;
}

/** An admin API token made straight in the store, as a test's stand-in for signing in. */
export function adminToken(ctx: AppContext): string {
  return ctx.auth.tokens.create({
    name: `test-${crypto.randomUUID()}`,
    owner: "root",
    role: "admin",
  })
    .secret;
}

/** A small VM config the test driver takes for a template or a new VM. */
export const SMALL_CONFIG = {
  cpuCount: 1,
  memoryMb: 512,
  diskSizeGb: 5,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
} as const;

export const DEFAULT_DOMAINS: TestDomainSpec[] = [
  { name: "web", runstate: 1, vcpus: 2, memoryMb: 1024, disk: true, vnc: true },
  { name: "db", runstate: 5, vcpus: 4, memoryMb: 4096, disk: true },
  { name: "cache", runstate: 3, vcpus: 1, memoryMb: 256 },
];

/** `clock`: the scheduler's (not started); the run waits for its runs before closing. */
export async function withTestApp(
  fn: (t: TestApp) => Promise<void>,
  domains: TestDomainSpec[] = DEFAULT_DOMAINS,
  { clock, auth, nodeDevices = "", accounts, features = FEATURES }: {
    clock?: Clock;
    auth?: AuthSettings;
    /** Sign-in's host accounts in place of PAM (tests of the app's own sign-in logic). */
    accounts?: HostAccounts;
    /** `<device>` elements for the node file: host devices (libvirt's node device XML). */
    nodeDevices?: string;
    /** The features plugged in (routes/features.ts unless given). */
    features?: Parameters<typeof createContext>[1]["features"];
  } = {},
): Promise<void> {
  const node = await writeTestNode(domains, nodeDevices);
  const config: Config = {
    uri: node.uri,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: "/nonexistent",
    auth,
  };
  const { ctx, client, close } = createContext(config, {
    features,
    store: openStore(null),
    clock,
    accounts,
  });
  const events: AppEvent[] = [];
  ctx.events.subscribe((e) => events.push(e));
  try {
    if (!await client.connect()) throw new Error(`cannot open ${node.uri}: ${client.state.error}`);
    const token = adminToken(ctx);
    const app = signedIn(createApp(ctx), token);
    const tokenFor = (role: Role, vms: "*" | string[] = "*") =>
      ctx.auth.tokens.create({ name: `test-${crypto.randomUUID()}`, owner: "root", role, vms })
        .secret;
    const req = (method: string, path: string, body?: unknown) =>
      Promise.resolve(app.request(`http://localhost${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined
          ? undefined
          : typeof body === "string"
          ? body
          : JSON.stringify(body),
      }));
    await fn({ app, ctx, client, events, req, token, tokenFor });
  } finally {
    await ctx.scheduler.idle();
    await close();
    await node.remove();
  }
}

/** A request's status and JSON body. */
export async function jsonOf(t: TestApp, method: string, path: string, body?: unknown) {
  const res = await t.req(method, path, body);
  return { status: res.status, body: await res.json() };
}

/** Waits until `cond()` holds, polling every 10 ms, up to `ms`. */
export async function eventually(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

let table: Promise<RouteTable> | undefined;

/** The whole app's route table (its declarations, as the guards read them), made once. */
export function appRouteTable(): Promise<RouteTable> {
  return table ??= (async () => {
    let declared: Declared[] = [];
    await withTestApp(({ ctx }) => {
      declared = createApp(ctx).declared;
      return Promise.resolve();
    });
    return new RouteTable(declared);
  })();
}
