import { assert, assertEquals } from "../../tests/support/assert.ts";
import { withFaultServer } from "../../tests/support/fault_server.ts";
import { AppError } from "../errors.ts";
import { parseAllowed } from "./address_rules.ts";
import { type FetchRules, guardedFetch } from "./guarded_fetch.ts";

/** The test server is on loopback, which downloads refuse unless allowed. */
const RULES: FetchRules = { allowed: [parseAllowed("127.0.0.1")!], headersTimeoutMs: 200 };

/** What `promise` rejected with; a failure when it resolves or does not settle within `ms`. */
async function rejection(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ late: true }>((r) => timer = setTimeout(() => r({ late: true }), ms));
  const outcome = await Promise.race([
    promise.then(() => ({ resolved: true }), (err: unknown) => ({ err })),
    late,
  ]).finally(() => clearTimeout(timer));
  if ("err" in outcome) return outcome.err;
  throw new Error(
    `expected a rejection within ${ms} ms, but it ${"late" in outcome ? "hung" : "resolved"}`,
  );
}

Deno.test("guarded fetch - an answer whose headers never come ends at headersTimeoutMs with DOWNLOAD_TIMEOUT", async () => {
  await withFaultServer(async (server) => {
    server.script("/never", { kind: "silent" });
    const started = Date.now();
    const err = await rejection(guardedFetch(server.url("/never"), RULES), 3000) as AppError;
    const took = Date.now() - started;
    assert(err instanceof AppError, String(err));
    assertEquals([err.code, err.status, err.message], [
      "DOWNLOAD_TIMEOUT",
      504,
      `${new URL(server.origin).host} sent no answer in 0.2 s`,
    ]);
    assert(took >= 200 && took < 2000, `took ${took} ms`);
  });
});

Deno.test("guarded fetch - a name lookup that never ends counts against the same deadline", async () => {
  // No traffic: the name is never resolved, so nothing is asked of any server.
  const rules: FetchRules = {
    ...RULES,
    headersTimeoutMs: 100,
    resolve: () => new Promise<string[]>(() => {}),
  };
  const err = await rejection(guardedFetch("http://mirror.example/x.img", rules), 3000);
  assert(err instanceof AppError, String(err));
  assertEquals([err.code, err.message], [
    "DOWNLOAD_TIMEOUT",
    "mirror.example was not resolved to an address in 0.1 s",
  ]);
});

Deno.test("guarded fetch - a cancel stops a name lookup that never ends", async () => {
  const rules: FetchRules = {
    ...RULES,
    headersTimeoutMs: 60_000,
    resolve: () => new Promise<string[]>(() => {}),
  };
  const stop = new AbortController();
  const cancelled = new Error("cancelled");
  setTimeout(() => stop.abort(cancelled), 50);
  const err = await rejection(
    guardedFetch("http://mirror.example/x.img", rules, { signal: stop.signal }),
    3000,
  );
  assertEquals(err, cancelled);
});

Deno.test("guarded fetch - the deadline ends with the headers: a body slower than it is read whole", async () => {
  await withFaultServer(async (server) => {
    const bytes = new Uint8Array(256 * 1024).fill(3);
    server.script("/slow", { kind: "file", bytes, pauseMs: 500 });
    const { response } = await guardedFetch(server.url("/slow"), RULES);
    assertEquals(response.status, 200);
    assertEquals((await response.arrayBuffer()).byteLength, bytes.length);
  });
});
