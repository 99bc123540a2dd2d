// The release (scripts/release.ts) built once per test process, offline, for the tests that
// run its artifacts (tests/release_test.ts, tests/debian13_bed_test.ts): the build is minutes of
// gzip, and test files of one process share this module.

import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { run } from "./namespace_server.ts";
import { agentFileName, releaseFileName } from "../../scripts/release.ts";
import { agentDebFileName } from "../../scripts/release/agent_deb.ts";
import { debFileName } from "../../scripts/release/deb.ts";
import { VERSION } from "../../lib/version.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
/** Where `deno task release` puts the artifacts. */
export const RELEASE = join(ROOT, "dist", "release");

export async function sha256(path: string): Promise<string> {
  const r = await run("sha256sum", [path]);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.split(" ")[0];
}

/** Builds the release inside a network namespace of its own, where nothing can be reached. */
async function buildOffline(): Promise<string> {
  for (const tool of ["unshare", "nsenter", "ip", "curl", "sha256sum", "gzip", "tar"]) {
    const found = await run("sh", ["-c", `command -v ${tool}`]);
    assertEquals(found.code, 0, `the release test needs \`${tool}\``);
  }
  const built = await run("unshare", [
    "-n",
    "sh",
    "-c",
    // Prove the namespace is offline before building in it.
    'if ip route get 1.1.1.1 >/dev/null 2>&1; then echo "network reachable" >&2; exit 9; fi; exec "$@"',
    "sh",
    Deno.execPath(),
    "task",
    "release",
  ], { cwd: ROOT });
  assertEquals(
    built.code,
    0,
    `deno task release failed offline:\n${built.stdout}\n${built.stderr}`,
  );
  const file = join(RELEASE, releaseFileName());
  const deb = join(RELEASE, debFileName(VERSION));
  const sums = await Deno.readTextFile(join(RELEASE, "SHA256SUMS"));
  const artifacts = [
    releaseFileName(),
    debFileName(VERSION),
    agentFileName(),
    agentDebFileName(VERSION),
  ].sort();
  const expected = [];
  for (const name of artifacts) expected.push(`${await sha256(join(RELEASE, name))}  ${name}`);
  assertEquals(sums, expected.join("\n") + "\n");
  assert(deb.endsWith(".deb"));
  return file;
}

let building: Promise<string> | undefined;

/** The one file's path once the release is built (the first call builds it). */
export const releaseBuilt = () => building ??= buildOffline();
