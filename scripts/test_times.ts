// Where a test run's time went: reads what a run printed (`bash scripts/test.sh 2>&1 | tee
// FILE`; deno test's own lines, with or without the lanes' `[name] ` in front) and prints each
// tier's time and the slowest files.
//   deno run -A scripts/test_times.ts FILE [FILE …] [--top N]
// Tiers: real libvirt (the files tests/harness/tiers.ts puts behind the host health gate),
// browser (tests/*browser*), client (tests/cli_*, tests/docs_commands_test.ts), other tests/
// files, and unit + API (everything outside tests/). Where many files share one isolate (the lanes),
// each file's time is what the lane's last test printed (tests/harness/file_times.ts). Not the
// JUnit report: deno test files each test there under the module that called Deno.test, which for
// every test is the preload.

import { parseArgs } from "node:util";
import { talksToRealLibvirt } from "../tests/harness/tiers.ts";
import { FILE_TIME_PREFIX } from "../tests/harness/file_times.ts";

const ROOT = new URL("..", import.meta.url).pathname;

export interface FileTime {
  file: string;
  seconds: number;
  tests: number;
}

/** "1m2s", "40s", "913ms", "402µs" in seconds. */
export function seconds(text: string): number {
  let s = 0;
  for (const [, n, unit] of text.matchAll(/([\d.]+)(ms|µs|m|s)/g)) {
    s += Number(n) * ({ m: 60, s: 1, ms: 1e-3, "µs": 1e-6 } as Record<string, number>)[unit];
  }
  return s;
}

/** A line of tests/harness/file_times.ts's `fileTimeLines()`: file, seconds, test count. */
const FILE_TIME_LINE = new RegExp(`^${FILE_TIME_PREFIX} (\\S+) ([\\d.]+) s (\\d+) tests$`);

/**
 * Each test file's time (its tests' own, added up) and test count, from deno test's lines; in a
 * run in lanes (scripts/test_lanes.ts), each lane's lines (`[guests] …`) are followed apart.
 */
export function fileTimes(log: string): FileTime[] {
  let files: FileTime[] = [];
  const current = new Map<string, FileTime>();
  /** Shared isolates' entries, each with what its lane's last test said of its files. */
  const shared = new Map<FileTime, FileTime[]>();
  for (const raw of log.split("\n")) {
    const lane = /^\[([a-z]+)\] /.exec(raw)?.[1] ?? "";
    const line = lane ? raw.slice(lane.length + 3) : raw;
    const own = FILE_TIME_LINE.exec(line);
    const entry = current.get(lane);
    if (own && entry) {
      if (!shared.has(entry)) shared.set(entry, []);
      shared.get(entry)!.push({ file: own[1], seconds: Number(own[2]), tests: Number(own[3]) });
      continue;
    }
    // The units' lane runs one entry outside the checkout (scripts/test_lanes.ts): one "file".
    const running = /^running \d+ tests? from (?:\.\/)?(\S+)/.exec(line);
    if (running) {
      const file = { file: running[1], seconds: 0, tests: 0 };
      current.set(lane, file);
      files.push(file);
      continue;
    }
    // A test's result; a slow test's "ok (1m17s)" may stand alone on the next line.
    const test = /(?:^\S.* \.\.\.|^) (?:ok|FAILED|ignored)(?: \([^)]*\))? \(([^)]+)\)$/.exec(line);
    const file = current.get(lane);
    if (file && test) {
      file.seconds += seconds(test[1]);
      file.tests++;
    }
  }
  // A shared isolate's entry gives way to its files (tests/harness/file_times.ts).
  for (const [entry, own] of shared) files = files.flatMap((f) => f === entry ? own : [f]);
  return files;
}

export function tierOf(file: string, source: string): string {
  if (talksToRealLibvirt(file, source)) return "real libvirt";
  if (!file.startsWith("tests/")) return "unit + API";
  if (/browser/.test(file)) return "browser";
  if (/^tests\/(cli_|docs_commands)/.test(file)) return "client";
  return "other tests/";
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { top: { type: "string", default: "15" } },
  });
  const times = (await Promise.all(positionals.map((p) => Deno.readTextFile(p))))
    .flatMap((log) => fileTimes(log));
  const tiers = new Map<string, { seconds: number; files: number; tests: number }>();
  for (const t of times) {
    const source = await Deno.readTextFile(`${ROOT}${t.file}`).catch(() => "");
    const tier = tierOf(t.file, source);
    const sum = tiers.get(tier) ?? { seconds: 0, files: 0, tests: 0 };
    tiers.set(tier, {
      seconds: sum.seconds + t.seconds,
      files: sum.files + 1,
      tests: sum.tests + t.tests,
    });
  }
  const min = (s: number) => `${(s / 60).toFixed(1)} min`;
  const total = times.reduce((t, f) => t + f.seconds, 0);
  console.log(`${times.length} files, ${min(total)} of tests`);
  for (const [tier, t] of [...tiers].sort((a, b) => b[1].seconds - a[1].seconds)) {
    console.log(
      `  ${tier.padEnd(14)} ${min(t.seconds).padStart(9)}  ${t.files} files, ${t.tests} tests`,
    );
  }
  console.log(`slowest files:`);
  for (const t of times.sort((a, b) => b.seconds - a.seconds).slice(0, Number(values.top))) {
    console.log(`  ${t.seconds.toFixed(0).padStart(5)} s  ${t.file}`);
  }
}
