// Issue 48 on the HA test bed (scripts/ha-bed.sh): KVM Manager runs on a cluster node (inside
// kvmm-ha1's namespaces, as it would on a real member). Its Cluster API and page show three nodes
// online with quorum; a VM Pacemaker runs refuses plain actions (MANAGED_BY_CLUSTER); a VM made
// highly available through the API starts on its preferred node, stops from the page for good and
// is handed back; then kvmm-ha3 is powered off by the bed's switch, Pacemaker fences it, and both
// show it fenced, with the fencing in the recent history. One bed and one server for all of it.
// Needs root, Debian's pacemaker, corosync and fence-agents (scripts/install-test-deps.sh).

import { assert, assertEquals } from "./support/assert.ts";
import {
  addVirtualDomain,
  BED_BASE,
  BED_SHARED,
  bedDown,
  bedGuest,
  type BedNode,
  bedUp,
  nodeAddress,
  onNode,
  powerOff,
  SHARED_IN_NODE,
} from "./support/ha_bed.ts";
import { accountName, withHostAccounts } from "./support/host_account.ts";
import { untilListening } from "./support/server_process.ts";
import { launchChromium } from "./support/browser_helpers.ts";
import type { ClusterStatus, ClusterView } from "../shared/cluster.ts";
import type { Page } from "playwright-core";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const DENO = Deno.execPath();
const SERVER_NODE: BedNode = "kvmm-ha1";
const PORT = 8420;
const BASE = `https://${nodeAddress(SERVER_NODE)}:${PORT}`;
const SHOTS = Deno.env.get("KVMM_SHOTS");
const DUMMY = "kvmm-test-dummy";
const dummyOf = (s: ClusterStatus) => s.resources.find((r) => r.id === DUMMY);
const VM = "kvmm-ha-web";
const vmOf = (s: ClusterStatus) => s.resources.find((r) => r.id === VM);
const DB = "kvmm-ha-db";
const dbOf = (s: ClusterStatus) => s.resources.find((r) => r.id === DB);
const POOL = "kvmm-ha-shared";

/** Full-page shots at phone, laptop and wide widths, light and dark, into $KVMM_SHOTS. */
async function shoot(page: Page, state: string, what = "cluster") {
  if (!SHOTS) return;
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
async function serveOnNode(node: BedNode, dataDir: string, adminGroup: string) {
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
    env: { KVMM_HA_MIGRATION_TRANSPORT: "tcp", KVMM_HA_MIGRATE_OPTIONS: "--unsafe" },
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

/** curl from the host (over the bed's bridge), the self-signed certificate accepted. */
async function curl(args: string[]): Promise<string> {
  const out = await new Deno.Command("curl", {
    args: ["-sk", "--max-time", "20", "-H", `origin: ${BASE}`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`curl ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

async function signIn(user: string, password: string, jar: string): Promise<string> {
  const answer = JSON.parse(
    await curl([
      "-c",
      jar,
      "-H",
      "content-type: application/json",
      "-d",
      JSON.stringify({ user, password }),
      `${BASE}/api/auth/login`,
    ]),
  );
  assert(answer.csrf, `sign-in: ${JSON.stringify(answer)}`);
  return answer.csrf;
}

/** A signed-in call: its status and JSON body. */
async function call(
  jar: string,
  csrf: string,
  method: string,
  path: string,
  body?: unknown,
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
    `${BASE}${path}`,
  ]);
  const cut = out.lastIndexOf("\n");
  return { status: Number(out.slice(cut + 1)), body: JSON.parse(out.slice(0, cut) || "null") };
}

async function cluster(jar: string): Promise<ClusterView> {
  return JSON.parse(await curl(["-b", jar, `${BASE}/api/cluster`])) as ClusterView;
}

/** Reads the cluster until `ok` holds (Pacemaker takes seconds to notice and fence). */
async function clusterUntil(
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

Deno.test({
  name: "ha cluster - the Cluster page and API show three nodes with quorum, then one fenced",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const group = accountName("kvmmhag");
    const user = accountName("kvmmhau");
    const scratch = await Deno.makeTempDir({ prefix: "kvmm-ha-cluster-" });
    await bedUp();
    try {
      // A resource to see placed (and placed again when its node is fenced): Pacemaker's own
      // Dummy agent, which only keeps a state file.
      await onNode(
        "any",
        "cibadmin",
        "--create",
        "-o",
        "resources",
        "--xml-text",
        `<primitive id="${DUMMY}" class="ocf" provider="pacemaker" type="Dummy"/>`,
      );
      await withHostAccounts([group], { [user]: [group] }, async (made) => {
        const server = await serveOnNode(SERVER_NODE, `${scratch}/data`, group);
        const jar = `${scratch}/cookies`;
        try {
          // Signed-out callers learn nothing of the cluster.
          const anonymous = JSON.parse(await curl([`${BASE}/api/cluster`]));
          assertEquals(anonymous.code, "UNAUTHENTICATED");
          const csrf = await signIn(user, made[user].password, jar);

          const three = await clusterUntil(
            jar,
            (s) =>
              s.quorum && s.nodes.every((n) => n.state === "online") && !s.fencing.unsafe &&
              dummyOf(s)?.role === "Started",
            "three nodes online with quorum, a started fencing device and the dummy started",
          );
          assertEquals(three.nodes.map((n) => n.name), ["kvmm-ha1", "kvmm-ha2", "kvmm-ha3"]);
          assertEquals(three.localNode, SERVER_NODE);
          assertEquals(three.fencing.devices.map((d) => d.agent), ["stonith:fence_kvmm_bed"]);
          assert(three.dc !== null);
          assertEquals(dummyOf(three)?.agent, "ocf:pacemaker:Dummy");
          assertEquals(dummyOf(three)?.nodes.length, 1);

          const browser = await launchChromium();
          try {
            const context = await browser.newContext({
              ignoreHTTPSErrors: true,
              viewport: { width: 1280, height: 900 },
            });
            const jarText = await Deno.readTextFile(jar);
            const session = jarText.split("\n").map((l) => l.split("\t"))
              .filter((f) => f.length === 7);
            await context.addCookies(session.map((f) => ({
              name: f[5],
              value: f[6],
              url: BASE,
              httpOnly: true,
              secure: true,
              sameSite: "Strict" as const,
            })));
            const page = await context.newPage();
            const errors: string[] = [];
            page.on("pageerror", (e) => errors.push(e.message));
            await page.goto(`${BASE}/cluster`);
            const nodes = page.getByRole("table", { name: "Nodes" });
            for (const name of ["kvmm-ha1", "kvmm-ha2", "kvmm-ha3"]) {
              await nodes.locator(`tr[data-node="${name}"][data-state="online"]`).waitFor();
            }
            await nodes.locator('tr[data-node="kvmm-ha1"]').getByText("(this host)").waitFor();
            const summary = page.getByRole("region", { name: "Summary" });
            await summary.getByText("Quorate").waitFor();
            await summary.getByText("3 of 3").waitFor();
            const resources = page.getByRole("table", { name: "Resources" });
            await resources.locator(`tr[data-resource="${DUMMY}"]`).getByText("Started").waitFor();

            // A VM Pacemaker runs on this node (a VirtualDomain resource made with the cluster's
            // own tool, as an admin with a hand-made cluster would): KVM Manager names its
            // domain, shows it, and refuses to stop, delete or move it behind Pacemaker's back.
            const guest = await bedGuest(VM);
            await addVirtualDomain(VM, guest.config, SERVER_NODE);
            const running = await clusterUntil(
              jar,
              (s) => vmOf(s)?.role === "Started" && vmOf(s)?.nodes[0] === SERVER_NODE,
              `${VM} started on ${SERVER_NODE}`,
            );
            assertEquals([vmOf(running)?.kind, vmOf(running)?.domain], ["vm", VM]);
            for (
              const [method, path] of [
                ["POST", `/api/vms/${VM}/force-stop`],
                ["POST", `/api/vms/${VM}/stop`],
                ["DELETE", `/api/vms/${VM}`],
              ]
            ) {
              const refused = await call(jar, csrf, method, path);
              assertEquals(
                [refused.status, refused.body.code],
                [409, "MANAGED_BY_CLUSTER"],
                `${method} ${path}`,
              );
              assertEquals(
                refused.body.message,
                `${VM} is run by the cluster (Pacemaker resource ${VM}): start, stop and move it through the cluster, not behind Pacemaker's back`,
              );
            }
            const still = await clusterUntil(jar, (s) => !!vmOf(s), `${VM} listed`);
            assertEquals([vmOf(still)?.role, vmOf(still)?.nodes], ["Started", [SERVER_NODE]]);
            assertEquals(
              (await onNode(SERVER_NODE, "virsh", "-c", "qemu:///system", "domstate", VM)).trim(),
              "running",
            );
            // Its page says who runs it, and a power button's refusal is shown in the API's words.
            await page.goto(`${BASE}/vms/${VM}`);
            const notice = page.getByText("The cluster runs this VM (Pacemaker resource");
            await notice.waitFor();
            assertEquals(
              await notice.getByRole("link", { name: VM }).getAttribute("href"),
              "/cluster",
            );
            await shoot(page, "vm", "vm");
            await page.goto(`${BASE}/cluster`);
            await resources.locator(`tr[data-resource="${VM}"]`).getByText("Started").waitFor();
            await shoot(page, "three");

            // A VM made highly available through KVM Manager: its definition goes to the pool
            // marked shared, Pacemaker runs it where asked, a stop through the HA controls holds,
            // and handing it back removes the resource.
            const db = await bedGuest(DB);
            await onNode(SERVER_NODE, "virsh", "-c", "qemu:///system", "define", db.config);
            await onNode(
              SERVER_NODE,
              "virsh",
              "-c",
              "qemu:///system",
              "pool-create-as",
              POOL,
              "dir",
              "--target",
              SHARED_IN_NODE,
            );
            const notShared = await call(jar, csrf, "POST", "/api/cluster/vms", { vm: DB });
            assertEquals([notShared.status, notShared.body.code], [409, "HA_NEEDS_SHARED_STORAGE"]);
            const marked = await call(jar, csrf, "PUT", "/api/cluster/shared-pools", {
              pools: [POOL],
            });
            assertEquals([marked.status, marked.body], [200, { pools: [POOL] }]);
            const badNode = await call(jar, csrf, "POST", "/api/cluster/vms", {
              vm: DB,
              preferredNode: "nowhere",
            });
            assertEquals([badNode.status, badNode.body.code, badNode.body.field], [
              400,
              "INVALID_INPUT",
              "preferredNode",
            ]);
            const made = await call(jar, csrf, "POST", "/api/cluster/vms", {
              vm: DB,
              preferredNode: "kvmm-ha2",
              priority: 10,
            });
            assertEquals(made.status, 201, JSON.stringify(made.body));
            assertEquals(made.body.resource, DB);
            assert(made.body.config.startsWith(`${SHARED_IN_NODE}/.kvmm-ha/`), made.body.config);
            const again = await call(jar, csrf, "POST", "/api/cluster/vms", { vm: DB });
            assertEquals([again.status, again.body.code], [409, "HA_EXISTS"]);
            // It was off, so it stays off until started through the cluster.
            const stopped = await clusterUntil(
              jar,
              (s) => dbOf(s)?.role === "Stopped",
              `${DB} listed, stopped`,
            );
            assertEquals([dbOf(stopped)?.domain, dbOf(stopped)?.targetRole], [DB, "Stopped"]);
            const start = await call(jar, csrf, "POST", `/api/cluster/vms/${DB}/start`);
            assertEquals(
              [start.status, start.body.targetRole],
              [200, "Started"],
              JSON.stringify(start.body),
            );
            await clusterUntil(
              jar,
              (s) => dbOf(s)?.role === "Started" && dbOf(s)?.nodes[0] === "kvmm-ha2",
              `${DB} started on its preferred node kvmm-ha2`,
            );
            // Stopped from the page's row, as an admin would: only KVM Manager's own HA VM has
            // the buttons.
            await page.goto(`${BASE}/cluster`);
            const dbRow = resources.locator(`tr[data-resource="${DB}"]`);
            await dbRow.getByText("Started").waitFor();
            assertEquals(
              await resources.locator(`tr[data-resource="${VM}"]`).getByRole("button").count(),
              0,
            );
            await page.getByRole("region", { name: "Make a VM highly available" }).waitFor();
            await page.getByRole("region", { name: "Shared storage" }).getByLabel(
              `${POOL} (${SHARED_IN_NODE})`,
            ).waitFor();
            await shoot(page, "ha");
            await dbRow.getByRole("button", { name: "Stop" }).click();
            await dbRow.getByRole("button", { name: "Start" }).waitFor();
            await clusterUntil(jar, (s) => dbOf(s)?.role === "Stopped", `${DB} stopped`);
            // For good: Pacemaker does not start it again.
            await new Promise((r) => setTimeout(r, 12_000));
            const held = await cluster(jar) as ClusterStatus;
            assertEquals([dbOf(held)?.role, dbOf(held)?.nodes], ["Stopped", []]);
            assertEquals(
              (await call(jar, csrf, "POST", `/api/cluster/vms/${VM}/stop`)).body.code,
              "HA_NOT_OURS",
              "a resource made by hand is not KVM Manager's to change",
            );
            const gone = await call(jar, csrf, "DELETE", `/api/cluster/vms/${DB}`);
            assertEquals([gone.status, gone.body], [200, { resource: DB }]);
            await clusterUntil(jar, (s) => !dbOf(s), `${DB} handed back`);
            const constraints = await onNode("any", "cibadmin", "-Q", "--scope", "constraints");
            assert(!constraints.includes(`rsc="${DB}"`), `its preference went too: ${constraints}`);
            // Its definition stays, in a folder only root may use (Pacemaker starts it as root).
            const folder = await Deno.lstat(`${BED_SHARED}/.kvmm-ha`);
            assertEquals([folder.isDirectory, folder.uid, (folder.mode ?? 0) & 0o777], [
              true,
              0,
              0o700,
            ]);
            assertEquals(
              (await call(jar, csrf, "DELETE", `/api/cluster/vms/${DB}`)).body.code,
              "HA_NOT_FOUND",
            );

            // The bed's power switch: kvmm-ha3 loses its link and every process at once.
            const off = Date.now();
            await powerOff("kvmm-ha3");
            const fenced = await clusterUntil(
              jar,
              (s) =>
                s.nodes.find((n) => n.name === "kvmm-ha3")?.state === "fenced" &&
                dummyOf(s)?.role === "Started",
              "kvmm-ha3 fenced and the dummy started on a live node",
            );
            console.log(
              `kvmm-ha3 shown fenced ${
                ((Date.now() - off) / 1000).toFixed(1)
              } s after its power-off`,
            );
            assert(fenced.quorum, "two of three keep quorum");
            const event = fenced.fenceHistory.find((e) => e.target === "kvmm-ha3");
            assertEquals([event?.action, event?.status], ["off", "success"]);
            assertEquals(
              fenced.nodes.filter((n) => n.state === "online").map((n) => n.name),
              ["kvmm-ha1", "kvmm-ha2"],
            );
            assert(
              ["kvmm-ha1", "kvmm-ha2"].includes(dummyOf(fenced)!.nodes[0]),
              `the dummy runs on a live node: ${dummyOf(fenced)!.nodes}`,
            );

            // The page reads again by itself: the row turns to Fenced, the history names it.
            await nodes.locator('tr[data-node="kvmm-ha3"][data-state="fenced"]')
              .getByText("Fenced").waitFor({ timeout: 15_000 });
            await summary.getByText("2 of 3").waitFor();
            const history = page.getByRole("table", { name: "Recent fencing" });
            await history.locator("tr", { hasText: "kvmm-ha3" }).getByText("success").waitFor();
            await shoot(page, "fenced");
            assertEquals(errors, [], "no uncaught errors in the page");
          } finally {
            await browser.close();
          }
        } finally {
          await server.stop();
        }
      });
    } finally {
      await bedDown();
      await Deno.remove(scratch, { recursive: true }).catch(() => {});
    }
  },
});
