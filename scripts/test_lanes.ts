// The tests that must run alone first, beside what talks to no libvirtd; then the rest of the
// suite in three lanes at once.
//
// Why: run one file after another, the suite takes 48 minutes on CI's 2-core machine against a
// 35-minute budget (66 before the test harness), and much of that is waiting. A real-QEMU test
// keeps about 0.7 of a core busy (a TCG guest booting, then polls); a browser test keeps nearly
// two busy (Chromium, Deno) in bursts; a unit or API file spends as much time loading its modules
// as running. The real guests go down one lane, one file after another (they share the second
// libvirtd's fixed state folder and the test host's network and pools); the other files under
// tests/ down a second; the unit and API tests beside the product code down a third, with the HA
// bed's tests after them. Tests were already written to pass beside other people's VMs, networks
// and pools (docs/tests.md), and that is all the lanes are to each other.
//
// Two guests' lanes side by side (d5661b7, ci35) failed where a guest file met another's churn:
// the wizard's host check never accepted while the other lane's pools came and went (the pool and
// network listings now pass over an object removed since it was listed: ffi/libvirt/ops/listed.ts),
// and the shared kvmm-test-pool was made anew under a clean-up that held no lease (the runner now
// holds one for the whole run). The guests still run in one lane, but for `WITH_UNITS`.
//
// Each lane loads its files in one isolate (`oneIsolateEntry`, `guestsEntry`), so their modules
// load once a lane instead of once a file; the real-libvirt files among the units' and pages' keep
// an isolate each, behind the host health gate (`isolates`); the guests' entry stands behind it.
//
// The units' lane, whose shared isolate runs beside `ALONE`, then runs the tests/ files named in
// `WITH_UNITS`: the HA bed's, the release test and the real-guest files that keep to a daemon or
// tool of their own.
//
// `ALONE` holds tests that upset every libvirtd on the host, or that nothing may talk to beside
// them (see there); they run first, with nothing beside them that talks to a libvirtd
// (`BESIDE_ALONE`: the units' shared isolate and two CPU-heavy pages' files), and every lane's
// real-libvirt files start after them. After the lanes, as until 2026-11-30, they left the two
// cores three-quarters idle for four minutes at the run's end.
//
// Usage: bash scripts/test.sh (CI's way), or deno run -A scripts/test_lanes.ts [deno test flags,
// e.g. --no-check]. KVMM_TEST_LANES=0 bash scripts/test.sh runs the files one after another.
// Prints each lane's lines with its name in front, then one summary line in deno test's own
// form ("ok | N passed | 0 failed (…)" or "FAILED | N passed | M failed (…)"), which .ci/run reads.

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { talksToRealLibvirt } from "../tests/harness/tiers.ts";
import { IMAGES, testHostState } from "../tests/support/guest.ts";

const ROOT = join(import.meta.dirname!, "..");

/**
 * Test files that boot real guests or run host daemons of their own: one lane, in turn (but for
 * those `WITH_UNITS` names).
 */
export const GUEST_LANE: RegExp[] = [
  /^tests\/qemu(_.*)?_test\.tsx?$/,
  /^tests\/browser_test\.ts$/,
  /^tests\/serial_browser_test\.ts$/,
  /^tests\/backups_browser_test\.ts$/,
  /^tests\/frozen_libvirtd_metrics_test\.ts$/,
  /^tests\/prometheus_fleet_test\.ts$/,
  /^tests\/remote_ssh_test\.ts$/,
  /^tests\/sshd_test\.ts$/,
  /^tests\/guest_smoke_test\.ts$/,
  /^tests\/reconnect_test\.ts$/,
  /^tests\/cli_console_test\.ts$/,
  /^tests\/test_host_state_test\.ts$/,
  /^tests\/host_uri_files_test\.ts$/,
  /^tests\/firewall_real_test\.ts$/,
  /^routes\/api\/spice_test\.ts$/,
];

/**
 * tests/ files that run in the units' lane, after its entry (in path order), which ends first by
 * far: the HA bed's (ten minutes mostly of waiting for Pacemaker; own namespaces, libvirtds and
 * guest files); the release test (four minutes of building and packaging, one guest at its end);
 * and the real guests that keep to a daemon or tool of their own beside the host's: the second
 * libvirtd's three users (migrate, maintenance, restic_restore share its fixed state folder, so
 * they stay in one lane, in turn) and restic. With all of them in the pages' and guests' lanes,
 * those ran 33 and 35 minutes while the units' lane ended at 17 (ci of 09fde1f).
 */
export const WITH_UNITS: RegExp[] = [
  /^tests\/ha_(cluster|setup)_test\.ts$/,
  /^tests\/release_test\.ts$/,
  /^tests\/qemu_(maintenance|migrate|restic|restic_restore)_test\.ts$/,
];

/** What boots a real guest in a test file (tests/support/guest.ts, agent_guest.ts). */
export const BOOTS_A_GUEST = /\b(defineTestGuest|waitForGuestReady|defineAgentGuest)\b/;

/**
 * First, with nothing beside them but `BESIDE_ALONE`: the test that freezes and kills every
 * `libvirtd` on the host; the files that talk to our guest agent over its channel, which takes one
 * client at a time (any server on qemu:///system pings every running VM's agent at its start, every
 * 30 s and after a VM starts, and holds the channel: a server in another lane took it from them);
 * and qemu_stuck_guest, whose
 * client must be the first one stuck on a frozen QEMU (another lane's metrics would be).
 */
export const ALONE: RegExp[] = [
  /^tests\/libvirtd_restart_test\.ts$/,
  /^tests\/qemu_(agent|agent_services|guest_metrics|profile|cloud_image_vm)_test\.ts$/,
  /^tests\/qemu_stuck_guest_test\.ts$/,
];

/**
 * `ALONE` leaves the machine's two cores three-quarters idle for its four minutes (vmstat: 70-88 %
 * idle), and no lane may talk to a libvirtd beside it. So it runs first, beside what talks to
 * none: the units' shared isolate (what `isolates` leaves there never reaches a libvirtd) and
 * these pages' files, chosen for their CPU (sixty server starts; Chromium over every page); each
 * lane's real-libvirt files start after it.
 */
export const BESIDE_ALONE: RegExp[] = [
  /^tests\/store_crash_test\.ts$/,
  /^tests\/a11y_browser_test\.ts$/,
];

const TEST_FILE = /(^|\/|_|\.)test\.(ts|tsx|mts|js|mjs|jsx)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "static"]);

/** Every test file deno test would find from the root, as paths relative to it, sorted. */
export async function testFiles(root = ROOT): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, rel: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        if (!SKIP_DIRS.has(entry.name)) await walk(join(dir, entry.name), path);
      } else if (entry.isFile && TEST_FILE.test(entry.name)) {
        found.push(path);
      }
    }
  };
  await walk(root, "");
  return found.sort();
}

export interface Lanes {
  guests: string[];
  pages: string[];
  /** The unit and API tests beside the product code (no browser, no real guest). */
  units: string[];
  alone: string[];
}

/** Files beside the product code rather than under tests/: the units' lane. */
const BESIDE_THE_CODE = /^(?!tests\/)/;

/** Splits the files; a pattern that matches nothing is an error (a renamed test would else drift lanes). */
export function splitLanes(files: string[]): Lanes {
  for (const pattern of [...GUEST_LANE, ...WITH_UNITS, ...ALONE, ...BESIDE_ALONE]) {
    if (!files.some((f) => pattern.test(f))) {
      throw new Error(`scripts/test_lanes.ts: ${pattern} matches no test file; update the lanes`);
    }
  }
  const lanes: Lanes = { guests: [], pages: [], units: [], alone: [] };
  for (const f of files) {
    if (ALONE.some((p) => p.test(f))) lanes.alone.push(f);
    else if (WITH_UNITS.some((p) => p.test(f))) lanes.units.push(f);
    else if (GUEST_LANE.some((p) => p.test(f))) lanes.guests.push(f);
    else if (BESIDE_THE_CODE.test(f)) lanes.units.push(f);
    else lanes.pages.push(f);
  }
  return lanes;
}

export interface LaneResult {
  passed: number;
  failed: number;
  ok: boolean;
}

/** Reads deno test's last summary line: "ok | 40 passed (2 steps) | 0 failed (1m2s)". */
export function parseSummary(text: string): LaneResult | null {
  const lines = text.split("\n").filter((l) => /^(ok|FAILED) \| \d+ passed/.test(l));
  const last = lines.at(-1);
  if (!last) return null;
  const passed = Number(/\| (\d+) passed/.exec(last)![1]);
  const failed = Number(/\| (\d+) failed/.exec(last)?.[1] ?? "0");
  return { passed, failed, ok: last.startsWith("ok") };
}

/**
 * The failed tests of one deno test run, each with the first lines of its error, read from the
 * " ERRORS " block deno prints at its end. Why: CI shows only the last lines of a run, and three
 * lanes' errors sit thousands of lines above them; the recap repeats them beside the summary.
 */
export function failureRecap(text: string, errorLines = 2): string[] {
  const lines = text.split("\n");
  const start = lines.findLastIndex((l) => l.trim() === "ERRORS");
  if (start < 0) return [];
  const recap: string[] = [];
  let kept = 0;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "FAILURES") break;
    if (/ => \S+:\d+:\d+$/.test(line)) {
      recap.push(line.replace(/ => \S+$/, ""));
      kept = 0;
    } else if (recap.length > 0 && kept < errorLines && line.trim() !== "") {
      recap.push(`    ${line.trim().slice(0, 300)}`);
      kept += 1;
    }
  }
  return recap;
}

/**
 * One module that imports every given test file: deno test then loads their modules once, in one
 * isolate, instead of once per file. Why: each file runs in an isolate of its own that loads its
 * whole module graph again, about a second of CPU for an API test that loads the server; on CI's
 * two busy cores, 40 API files took 116 s of CPU one isolate each and 65 s in one (vitest's
 * `isolate: false` trades the same way). The units' and pages' files set no host or process state at
 * their top level (nothing but `longerDeadline` by test name), so only what they test shares the
 * isolate; a file that breaks that fails in its lane and is named in `OWN_ISOLATE`. The guests' lane
 * has its own entry (`guestsEntry`).
 */
export function oneIsolateEntry(files: string[], root = ROOT): string {
  return files.map((f) => `import ${JSON.stringify(pathToFileURL(join(root, f)).href)};\n`)
    .join("") + laneEnd();
}

/** How long the lane's last test waits for foreign calls still running. */
export const LANE_END_WAIT_MS = 90_000;

/**
 * The lane's last test: no nonblocking foreign call may still run when its isolate ends. Why: such
 * a call writes into the isolate's buffers after deno test has freed them, and glibc then aborted
 * the lane at exit with every test passed (ci33, ci41: ffi/in_flight.ts). The test waits for the
 * calls to end, so the isolate ends after them, and names any that outlive the wait.
 */
function laneEnd(): string {
  const inFlight = JSON.stringify(new URL("../ffi/in_flight.ts", import.meta.url).href);
  const fileTimes = JSON.stringify(new URL("../tests/harness/file_times.ts", import.meta.url).href);
  return `import { noCallsInFlight as __noCallsInFlight } from ${inFlight};
import { fileTimeLines as __fileTimeLines } from ${fileTimes};
Deno.test("lane end - no nonblocking foreign call still runs when the lane's isolate ends", async () => {
  // Each file's own time, which deno test cannot tell in a shared isolate (scripts/test_times.ts).
  console.log(__fileTimeLines().join("\\n"));
  const left = await __noCallsInFlight(${LANE_END_WAIT_MS});
  if (left.length > 0) {
    throw new Error("still running after ${
    LANE_END_WAIT_MS / 1000
  } s: " + left.map((c) => c.name + " (" + c.ms + " ms)").join(", "));
  }
});
`;
}

/**
 * The guests' lane's entry: its files in one isolate too, behind the host health gate. Why: each
 * loaded its modules in an isolate of its own, 99 s of CPU for the 64 files on an idle machine
 * against 2 s in one, and in the lane that ends last. The entry imports the real guests' helpers
 * first, so the preload classes it in the real-libvirt tier (tiers.ts) and the gate probes the
 * host before any file loads; a sick host stops the whole lane with the gate's one line. Between
 * the files the helpers probe again (`requireHealthyHost`, at most once a minute: libvirt_gate.ts).
 * The runner holds the shared test network and pools for the run, so no file's unload (now only
 * at the lane's end) is what removes them.
 */
export function guestsEntry(files: string[], root = ROOT): string {
  const helpers = pathToFileURL(join(root, "tests/support/guest.ts")).href;
  return `import {} from ${JSON.stringify(helpers)};
` + oneIsolateEntry(files, root);
}

/**
 * Files that need an isolate of their own (none yet): they go to the same deno test as the shared
 * entry, each in its own isolate (deno test runs them in path order, here before the entry).
 */
export const OWN_ISOLATE: RegExp[] = [];

/**
 * A lane's files split into those that share one isolate and those that keep their own: the
 * real-libvirt tier keeps its own, since the preload stands the host health gate in front of a
 * file by the test process's main module (tests/harness/preload.ts), which in the shared isolate
 * is the entry; so do the files in `OWN_ISOLATE`.
 */
export async function isolates(
  files: string[],
  root = ROOT,
): Promise<{ shared: string[]; own: string[] }> {
  const shared: string[] = [];
  const own: string[] = [];
  for (const f of files) {
    const alone = OWN_ISOLATE.some((p) => p.test(f)) ||
      talksToRealLibvirt(f, await Deno.readTextFile(join(root, f)));
    (alone ? own : shared).push(f);
  }
  return { shared, own };
}

/** What `runPlan` runs: `ALONE`, and each lane's files in two runs. */
export interface LanePlan {
  alone: string[];
  lanes: {
    name: string;
    /** Files that talk to no libvirtd: they start with `alone`, beside it. */
    first: string[];
    /** The lane's other files, made when they are due: after `first` and `alone` have ended. */
    then: () => Promise<string[]>;
  }[];
}

/**
 * Runs `alone` and every lane's `first` at once, then each lane's `then` once both its `first`
 * and `alone` have ended; a run with no files is left out. Resolves with `alone`'s result and
 * each lane's runs in the plan's order, each named by its lane.
 */
export async function runPlan<R>(
  plan: LanePlan,
  run: (name: string, files: string[]) => Promise<R>,
): Promise<{ alone: R; runs: [string, R][] }> {
  const aloneRun = run("alone", plan.alone);
  const lane = async ({ name, first, then }: LanePlan["lanes"][number]) => {
    const runs: [string, R][] = first.length > 0 ? [[name, await run(name, first)]] : [];
    await aloneRun;
    const rest = await then();
    if (rest.length > 0) runs.push([name, await run(name, rest)]);
    return runs;
  };
  const lanes = Promise.all(plan.lanes.map(lane));
  // Both awaited together: a lane that fails to start is not left unhandled while alone runs.
  const [alone, runs] = await Promise.all([aloneRun, lanes]);
  return { alone, runs: runs.flat() };
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

/** Runs one deno test, printing each line with `[name] ` in front; resolves with what it printed. */
async function runLane(name: string, args: string[]): Promise<{ code: number; text: string }> {
  const started = Date.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--preload", "tests/harness/preload.ts", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const encoder = new TextEncoder();
  const pump = async (stream: ReadableStream<Uint8Array<ArrayBuffer>>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      rest += chunk;
      const lines = rest.split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        text += line + "\n";
        await Deno.stdout.write(encoder.encode(`[${name}] ${line}\n`));
      }
    }
    if (rest) {
      text += rest + "\n";
      await Deno.stdout.write(encoder.encode(`[${name}] ${rest}\n`));
    }
  };
  await Promise.all([pump(child.stdout), pump(child.stderr)]);
  const { code } = await child.status;
  console.log(
    `[${name}] lane ended with exit code ${code} after ${duration(Date.now() - started)}`,
  );
  return { code, text };
}

async function main(flags: string[]) {
  const started = Date.now();
  const build = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/build.ts"],
    cwd: ROOT,
  }).spawn().status;
  if (!build.success) {
    console.log("scripts/build.ts failed");
    console.log("FAILED | 0 passed | 1 failed");
    Deno.exit(1);
  }
  const lanes = splitLanes(await testFiles());
  // The runner holds the shared test network and pools for the whole run: else they are torn down
  // whenever the last file using them ends, and made anew by the next, under another lane's
  // clean-up that holds no lease (ci35: kvmm-test-pool listed while made anew under another UUID).
  // Given back, and removed, after the last lane. Where libvirt is not installed there is nothing
  // to hold (its images folder is the lock), and the real-libvirt tier fails by itself.
  const holding = await Deno.stat(IMAGES).then(() => true, () => false);
  if (holding) await testHostState.hold();
  console.log(
    `lanes: ${lanes.alone.length} alone first (beside the units' shared isolate and ` +
      `${BESIDE_ALONE.length} pages' files), then ${lanes.guests.length} files with real ` +
      `guests, ${lanes.pages.length} other tests/ files and ${lanes.units.length} unit and API ` +
      `files beside them (the last two lanes in one isolate each, but for the real-libvirt files)`,
  );
  // Each lane's entry lives outside the checkout (nothing to clean or ignore there); deno test still
  // reads deno.json from the working directory, the checkout.
  const entryDir = await Deno.makeTempDir({ prefix: "kvmm-lanes-" });
  /** A lane's shared entry (written to `entryDir`) and its real-libvirt files, without flags. */
  const laneArgs = async (name: string, files: string[]): Promise<string[]> => {
    const { shared, own } = await isolates(files);
    if (shared.length === 0) return own;
    const entry = join(entryDir, `${name}_one_isolate_test.ts`);
    await Deno.writeTextFile(entry, oneIsolateEntry(shared));
    return [entry, ...own];
  };
  const guestsArgs = async (): Promise<string[]> => {
    const entry = join(entryDir, "guests_one_isolate_test.ts");
    await Deno.writeTextFile(entry, guestsEntry(lanes.guests));
    return [entry];
  };
  const units = await isolates(lanes.units);
  // A BESIDE_ALONE file that came to talk to a libvirtd would wait for ALONE with the rest.
  const besideAlone = lanes.pages.filter((f) => BESIDE_ALONE.some((p) => p.test(f)));
  const early = (await isolates(besideAlone)).shared;
  const { alone, runs: laneRuns } = await runPlan(
    {
      alone: lanes.alone,
      lanes: [
        { name: "guests", first: [], then: guestsArgs },
        {
          name: "pages",
          first: early,
          then: () => laneArgs("pages", lanes.pages.filter((f) => !early.includes(f))),
        },
        {
          name: "units",
          first: units.shared.length > 0 ? await laneArgs("units", units.shared) : [],
          then: () => Promise.resolve(units.own),
        },
      ],
    },
    (name, files) => runLane(name, [...flags, ...files]),
  ).finally(() => Deno.remove(entryDir, { recursive: true }));
  if (holding) testHostState.release();
  let passed = 0;
  let failed = 0;
  const runs: [string, { code: number; text: string }][] = [["alone", alone], ...laneRuns];
  for (const [name, run] of runs) {
    for (const line of failureRecap(run.text)) console.log(`[${name}] failed: ${line}`);
  }
  for (const [name, run] of runs) {
    const result = parseSummary(run.text);
    if (!result) {
      console.log(`[${name}] printed no test summary (exit code ${run.code})`);
      failed += 1;
      continue;
    }
    passed += result.passed;
    failed += result.failed;
    if (run.code !== 0 && result.failed === 0) failed += 1;
  }
  const word = failed === 0 ? "ok" : "FAILED";
  console.log(`${word} | ${passed} passed | ${failed} failed (${duration(Date.now() - started)})`);
  Deno.exit(failed === 0 ? 0 : 1);
}

if (import.meta.main) await main(Deno.args);
