// KVM Manager's server on a node of the HA test bed (tests/support/ha_bed.ts), and calls to it
// from the host over the bed's bridge with curl: signed in, the self-signed certificate accepted.
// Screenshots of its pages at the three widths, light and dark, when KVMM_SHOTS names a folder.

import { assert } from "./assert.ts";
import { BED_BASE, type BedNode, nodeAddress } from "./ha_bed.ts";
import { untilListening } from "../harness/server_process.ts";
import type { ClusterStatus, ClusterView } from "../../shared/cluster.ts";
import type { Page } from "playwright-core";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const DENO = Deno.execPath();
/** The node the server runs on, and where it listens. */
export const SERVER_NODE: BedNode = "kvmm-ha1";
const PORT = 8420;
export const BASE = `https://${nodeAddress(SERVER_NODE)}:${PORT}`;
const SHOTS = Deno.env.get("KVMM_SHOTS");

/** Full-page shots at phone, laptop and wide widths, light and dark, into $KVMM_SHOTS. */
export async function shoot(page: Page, state: string, what = "cluster") {
  if (!SHOTS) return;
  // The test's own refused calls leave failure toasts over the page: dismissed, to see it.
  for (const b of await page.getByRole("button", { name: "Dismiss" }).all()) {
    await b.click().catch(() => {});
  }
  for (const width of [390, 1280, 1920]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      // The navigation drawer slides shut when the width crosses the phone breakpoint.
      await page.waitForTimeout(500);
      await page.screenshot({
        path: `${SHOTS}/${what}-${state}-${width}-${scheme}.png`,
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

/** KVM Manager's server inside `node`'s network, mount and UTS namespaces. */
export async function serveOnNode(node: BedNode, dataDir: string, adminGroup: string) {
  const holder = (await Deno.readTextFile(`${BED_BASE}/${node}/holder.pid`)).trim();
  const child = new Deno.Command("nsenter", {
    args: [
      "-t",
      holder,
      "-n",
      "-m",
      "-u",
      `--wdns=${ROOT}`,
      "--",
      DENO,
      "run",
      "-A",
      "main.ts",
      "serve",
      "--listen",
      `${nodeAddress(node)}:${PORT}`,
      "--data-dir",
      dataDir,
      "--admin-group",
      adminGroup,
    ],
    // The bed's libvirtds take TCP without auth on its bridge, and its shared folder is a bind
    // mount libvirt does not count as shared storage (docs/dev/ha-bed.md).
    env: {
      KVMM_HA_MIGRATION_TRANSPORT: "tcp",
      KVMM_HA_MIGRATE_OPTIONS: "--unsafe",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  await untilListening(child, stderr, 90_000);
  return {
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await stderr;
    },
  };
}

/**
 * curl from the host (over the bed's bridge), the self-signed certificate accepted; `base` is the
 * server called (the origin its sign-in and changes must come from).
 */
export async function curl(args: string[], base = BASE): Promise<string> {
  const out = await new Deno.Command("curl", {
    args: ["-sk", "--max-time", "20", "-H", `origin: ${base}`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`curl ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

export async function signIn(
  user: string,
  password: string,
  jar: string,
  base = BASE,
): Promise<string> {
  const answer = JSON.parse(
    await curl([
      "-c",
      jar,
      "-H",
      "content-type: application/json",
      "-d",
      JSON.stringify({ user, password }),
      `${base}/api/auth/login`,
    ], base),
  );
  assert(answer.csrf, `sign-in: ${JSON.stringify(answer)}`);
  return answer.csrf;
}

/** A signed-in call: its status and JSON body. */
export async function call(
  jar: string,
  csrf: string,
  method: string,
  path: string,
  body?: unknown,
  base = BASE,
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const data = body === undefined
    ? []
    : ["-H", "content-type: application/json", "--data-binary", JSON.stringify(body)];
  const out = await curl([
    "-b",
    jar,
    "-H",
    `x-csrf-token: ${csrf}`,
    ...data,
    "-X",
    method,
    "-w",
    "\n%{http_code}",
    `${base}${path}`,
  ], base);
  const cut = out.lastIndexOf("\n");
  return { status: Number(out.slice(cut + 1)), body: JSON.parse(out.slice(0, cut) || "null") };
}

export async function cluster(jar: string): Promise<ClusterView> {
  return JSON.parse(await curl(["-b", jar, `${BASE}/api/cluster`])) as ClusterView;
}

/** Reads the cluster until `ok` holds (Pacemaker takes seconds to notice and fence). */
export async function clusterUntil(
  jar: string,
  ok: (s: ClusterStatus) => boolean,
  what: string,
  ms = 120_000,
): Promise<ClusterStatus> {
  const end = Date.now() + ms;
  let last: ClusterView | null = null;
  while (Date.now() < end) {
    last = await cluster(jar);
    if (last.present && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${what} within ${ms / 1000} s; last: ${JSON.stringify(last)}`);
}
