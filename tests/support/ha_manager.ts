// Issue 48 item 5 on the HA test bed: KVM Manager itself as a Pacemaker resource. The group that
// `kvm-manager install-cluster-resource` adds (a floating address, then ocf:kvm-manager:server
// from scripts/release/ocf/server) runs the server on one node with its data folder in the bed's
// shared folder; that node is powered off; the server answers again on the floating address from
// another node with the same data: an API token made before still works.

import { assert, assertEquals } from "./assert.ts";
import { BED_SHARED, type BedNode, crmMonXml, onNode, powerOff, SHARED_IN_NODE } from "./ha_bed.ts";
import { call, curl, signIn } from "./ha_server.ts";
import { parseXml } from "../../lib/xml/parser.ts";
import { bundleServer } from "../../scripts/bundle_server.ts";
import { runProgram } from "../harness/program.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
/** The group's floating address on the bed's bridge (the nodes have .11-.13, the host .1). */
export const MANAGER_ADDRESS = "10.77.0.200";
const PORT = 8420;
const MANAGER_BASE = `https://${MANAGER_ADDRESS}:${PORT}`;

/** The node ocf:kvm-manager:server is started on, per crm_mon; null while it runs nowhere. */
async function managerNode(): Promise<string | null> {
  const mon = parseXml(await crmMonXml());
  const groups = [mon["pacemaker-result"]?.resources?.group ?? []].flat();
  const group = groups.find((g: Record<string, string>) => g["@id"] === "kvm-manager");
  const server = [group?.resource ?? []].flat()
    .find((r: Record<string, string>) => r["@id"] === "kvm-manager-server");
  if (server?.["@role"] !== "Started") return null;
  const nodes = [server.node ?? []].flat();
  return nodes.length === 1 ? nodes[0]["@name"] : null;
}

/** The status GET /api/vms answers on the floating address with (401: up, wants a sign-in). */
async function floatingStatus(): Promise<string> {
  const out = await new Deno.Command("curl", {
    args: [
      "-sk",
      "--max-time",
      "5",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      `${MANAGER_BASE}/api/vms`,
    ],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout);
}

/** Waits for `read`; past `ms`, fails with what `explain` (Pacemaker's view, say) tells. */
async function until<T>(
  read: () => Promise<T | null | false>,
  what: string,
  ms: number,
  explain: () => Promise<string> = () => Promise.resolve(""),
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await read();
    if (got) return got;
    if (Date.now() > end) {
      const why = await explain().catch((e) => `(cannot tell why: ${e})`);
      throw new Error(`${what}: not within ${ms / 1000} s${why ? `\n${why}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Adds the manager's group from `from` (a node that stays on), places it on `on`, signs in on the
 * floating address, makes a token, powers `on` off and checks the token on the new node. Returns
 * the seconds from the power-off to the first answer on the floating address.
 */
export async function managerFailover(opts: {
  from: BedNode;
  on: BedNode;
  scratch: string;
  adminGroup: string;
  user: string;
  password: string;
}): Promise<number> {
  // The kvm-manager command as every node would have it (the package's /usr/bin/kvm-manager runs
  // the server bundle): this checkout's bundle, at a path all three nodes see. The bundle starts
  // in about half main.ts's time, which a loaded 2-core machine needs inside the agent's 90 s.
  const binary = `${opts.scratch}/kvm-manager`;
  const bundle = await bundleServer({ quiet: true });
  // (Pacemaker starts agents in /: the checkout's deno.json is found from its own folder.)
  await Deno.writeTextFile(
    binary,
    `#!/bin/sh\ncd ${ROOT} && exec ${Deno.execPath()} run -A ${bundle} "$@"\n`,
  );
  await Deno.chmod(binary, 0o755);
  const config = `${opts.scratch}/manager.json`;
  await Deno.writeTextFile(config, JSON.stringify({ adminGroups: [opts.adminGroup] }));
  // Made once by the admin on the shared storage: the agent never makes it.
  await Deno.mkdir(`${BED_SHARED}/kvmm-data`, { mode: 0o700 });

  const added = await onNode(
    opts.from,
    Deno.execPath(),
    "run",
    "-A",
    `${ROOT}/main.ts`,
    "install-cluster-resource",
    "--address",
    `${MANAGER_ADDRESS}/24`,
    "--nic",
    "eth0",
    "--port",
    String(PORT),
    "--data-dir",
    `${SHARED_IN_NODE}/kvmm-data`,
    "--binary",
    binary,
    "--config",
    config,
  );
  assert(added.includes("Added the group kvm-manager"), added);
  await onNode(
    opts.from,
    "cibadmin",
    "--create",
    "--scope",
    "constraints",
    "--xml-text",
    `<rsc_location id="kvmm-test-manager-prefers" rsc="kvm-manager" node="${opts.on}" score="100"/>`,
  );
  await until(
    async () => (await managerNode()) === opts.on,
    `the manager started on ${opts.on}`,
    120_000,
    () => onNode(opts.from, "crm_mon", "-1", "-r"),
  );
  await until(
    async () => (await floatingStatus()) === "401",
    "the floating address answers",
    60_000,
  );

  const jar = `${opts.scratch}/manager-cookies`;
  const csrf = await signIn(opts.user, opts.password, jar, MANAGER_BASE);
  const made = await call(jar, csrf, "POST", "/api/tokens", {
    name: "kvmm-ha-token",
    role: "admin",
  }, MANAGER_BASE);
  assertEquals(made.status, 201, JSON.stringify(made.body));
  const bearer = ["-H", `authorization: Bearer ${made.body.secret}`];
  const before = JSON.parse(await curl([...bearer, `${MANAGER_BASE}/api/tokens`], MANAGER_BASE));
  assertEquals(before.tokens.map((t: { name: string }) => t.name), ["kvmm-ha-token"]);

  const off = Date.now();
  await powerOff(opts.on);
  await until(
    async () => (await floatingStatus()) === "401",
    "the floating address answers again",
    120_000,
    () => onNode("any", "crm_mon", "-1", "-r"),
  );
  const seconds = (Date.now() - off) / 1000;
  const now = await until(managerNode, "the manager's new node", 30_000);
  assert(now !== opts.on, `the manager runs on ${now}, not on the powered-off ${opts.on}`);
  // The same data: the token made before the power-off signs this call in.
  const after = JSON.parse(await curl([...bearer, `${MANAGER_BASE}/api/tokens`], MANAGER_BASE));
  assertEquals(
    after.tokens?.map((t: { name: string }) => t.name),
    ["kvmm-ha-token"],
    JSON.stringify(after),
  );
  await clusterCli(made.body.secret, now, opts.on);
  console.log(
    `KVM Manager answers on ${MANAGER_ADDRESS} from ${now} ${
      seconds.toFixed(1)
    } s after ${opts.on}'s power-off`,
  );
  return seconds;
}

/** `kvm-manager ARGS…` from the host against the moved server, signed in with the token. */
async function cli(secret: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const run = await runProgram([...args, "--url", MANAGER_BASE, "--insecure"], {
    env: { KVMM_TOKEN: secret },
    timeoutMs: 120_000,
  });
  return { code: run.code, out: run.stdout + run.stderr };
}

/**
 * The HA controls' command line against the moved server: the cluster as it is now, the
 * cluster-wide maintenance switch on and off (read back from Pacemaker), and a refusal in the
 * API's words with its exit status.
 */
async function clusterCli(secret: string, now: string, off: string): Promise<void> {
  // The server answers before Pacemaker has recorded its start as done (the agent's start
  // returns once the server answers; the cluster's record follows): it once read "Starting".
  // Wait for what Pacemaker did, not for one read to catch it.
  const started = new RegExp(
    `^kvm-manager-server +other +Started +${now} +ocf:kvm-manager:server$`,
    "m",
  );
  let shown = { code: -1, out: "" };
  await until(
    async () => {
      shown = await cli(secret, "cluster");
      return shown.code === 0 && started.test(shown.out);
    },
    "Pacemaker records the moved server as Started",
    60_000,
  ).catch((e) => {
    throw new Error(`${e.message}; last: exit ${shown.code}\n${shown.out}`);
  });
  assert(/^Quorum: +quorate$/m.test(shown.out), shown.out);
  assert(new RegExp(`^${off} +fenced`, "m").test(shown.out), shown.out);
  const mode = () =>
    onNode(
      now as BedNode,
      "crm_attribute",
      "--query",
      "--type",
      "crm_config",
      "--name",
      "maintenance-mode",
    ).catch((e) => String(e));
  const on = await cli(secret, "cluster", "maintenance", "on");
  assertEquals([on.code, on.out.trim()], [0, "Maintenance mode on"]);
  assert(/value=true/.test(await mode()), await mode());
  const back = await cli(secret, "cluster", "maintenance", "off");
  assertEquals([back.code, back.out.trim()], [0, "Maintenance mode off"]);
  assert(/value=false/.test(await mode()), await mode());
  const refused = await cli(secret, "cluster", "device", "remove", "fence-bmc-kvmm-ha1");
  assertEquals(refused.code, 1, refused.out);
  assert(refused.out.includes("(HA_NOT_OURS)"), refused.out);
}
