import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { withFaultServer } from "../../tests/support/fault_server.ts";
import { AppError } from "../errors.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import { openRemoteFile } from "./remote_file.ts";

const MIB = 1024 * 1024;
/** The test server is on loopback, which downloads refuse unless allowed. */
const RULES: FetchRules = { allowed: [parseAllowed("127.0.0.1")!] };

/** `size` bytes no two MiBs alike, so a misplaced piece changes the hash. */
function fileBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) % 251;
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The stream read to its end or error, within `ms` and at most `most` bytes: a limit that is
 * missing fails the test instead of reading (or waiting) for ever.
 */
async function drain(
  stream: ReadableStream<Uint8Array>,
  { ms, most }: { ms: number; most: number },
): Promise<{ bytes: number; hex: string; error: unknown }> {
  const hash = createHash("sha256");
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stream did not end in ${ms} ms`)), ms);
  });
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late]);
      if (done) return { bytes, hex: hash.digest("hex"), error: null };
      bytes += value.length;
      hash.update(value);
      if (bytes > most) throw new Error(`read ${bytes} bytes, more than ${most}`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { bytes, hex: "", error };
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
}

/** Waits up to `ms` for `cond`. */
async function eventually(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("remote file - a Content-Length past maxBytes is refused at the start, before any byte is taken", async () => {
  await withFaultServer(async (server) => {
    const bytes = fileBytes(32 * MIB);
    server.script("/big.raw", { kind: "file", bytes });
    const err = await assertRejects(
      () => openRemoteFile(server.url("/big.raw"), RULES, { maxBytes: 32 * MIB - 1 }),
      AppError,
    );
    assertEquals([err.code, err.status, err.message], [
      "FILE_TOO_LARGE",
      413,
      `The file is larger than the ${32 * MIB - 1} bytes a download may bring`,
    ]);
    await eventually(() => server.answers()[0].cancelled, 2000, "the answer's body was let go");
    assert(server.answers()[0].sent < bytes.length, "the body was not sent whole");
  });
});

Deno.test("remote file - a body with no length stops with FILE_TOO_LARGE once it passes maxBytes, and lets the connection go", async () => {
  await withFaultServer(async (server) => {
    server.script("/endless", { kind: "endless" });
    const file = await openRemoteFile(server.url("/endless"), RULES, { maxBytes: MIB });
    assertEquals(file.size, null);
    const read = await drain(file.stream, { ms: 5000, most: 4 * MIB });
    const err = read.error as AppError;
    assertEquals([err?.code, err?.message], [
      "FILE_TOO_LARGE",
      "The file is larger than the 1048576 bytes a download may bring",
    ]);
    assert(read.bytes <= MIB, `${read.bytes} bytes were handed on, more than the cap`);
    await eventually(() => server.answers()[0].cancelled, 2000, "the server saw the reader go");
    assertEquals(server.answers().length, 1, "no resume for a refused file");
  });
});

Deno.test("remote file - a body that goes quiet for idleMs is asked for again from its last byte, and arrives whole", async () => {
  await withFaultServer(async (server) => {
    const bytes = fileBytes(3 * MIB);
    server.script(
      "/quiet.raw",
      { kind: "stall", bytes, after: MIB },
      { kind: "file", bytes },
    );
    // The stalled answer never sends its rest: only the 300 ms idle time can have asked for it
    // (the default 60 s would meet drain's 5 s deadline).
    const file = await openRemoteFile(server.url("/quiet.raw"), RULES, {
      maxBytes: 8 * MIB,
      idleMs: 300,
      retryDelayMs: 10,
    });
    const read = await drain(file.stream, { ms: 5000, most: 8 * MIB });
    assertEquals([read.error, read.bytes, read.hex], [null, bytes.length, sha256(bytes)]);
    assertEquals(file.resumed(), 1);
    assertEquals(server.answers().map((a) => [a.kind, a.range]), [
      ["stall", null],
      ["file", `bytes=${MIB}-`],
    ]);
    assert(server.answers()[0].cancelled, "the quiet connection was let go");
  });
});

Deno.test("remote file - quiet again after every resume: ends after `retries` resumes, its words naming the byte and the quiet", async () => {
  await withFaultServer(async (server) => {
    const bytes = fileBytes(3 * MIB);
    server.script(
      "/dead.raw",
      { kind: "stall", bytes, after: MIB },
      { kind: "stall", bytes, after: 0 },
    );
    const started = Date.now();
    const file = await openRemoteFile(server.url("/dead.raw"), RULES, {
      maxBytes: 8 * MIB,
      idleMs: 300,
      retries: 2,
      retryDelayMs: 10,
    });
    const read = await drain(file.stream, { ms: 5000, most: 8 * MIB });
    const took = Date.now() - started;
    const err = read.error as AppError;
    assertEquals([err?.code, err?.message], [
      "DOWNLOAD_INTERRUPTED",
      `The download broke off at byte ${MIB} and could not be resumed: no data for 0.3 s`,
    ]);
    assertEquals(read.bytes, MIB);
    assertEquals(server.answers().map((a) => a.range), [null, `bytes=${MIB}-`, `bytes=${MIB}-`]);
    // Three quiet spells of 300 ms and two short waits, not fewer; the words name the idle time
    // that ended it, not a default.
    assert(took >= 3 * 300, `took ${took} ms`);
    await eventually(
      () => server.answers().every((a) => a.cancelled),
      2000,
      "every quiet connection was let go",
    );
  });
});

Deno.test("remote file - a resume whose answer never comes (headers timeout) is tried again like a broken connection", async () => {
  await withFaultServer(async (server) => {
    const bytes = fileBytes(2 * MIB);
    server.script(
      "/again.raw",
      { kind: "stall", bytes, after: MIB },
      { kind: "silent" },
      { kind: "file", bytes },
    );
    const file = await openRemoteFile(
      server.url("/again.raw"),
      { ...RULES, headersTimeoutMs: 300 },
      { maxBytes: 8 * MIB, idleMs: 300, retryDelayMs: 10 },
    );
    const read = await drain(file.stream, { ms: 5000, most: 8 * MIB });
    assertEquals([read.error, read.hex], [null, sha256(bytes)]);
    assertEquals(file.resumed(), 2);
    assertEquals(server.answers().map((a) => [a.kind, a.range]), [
      ["stall", null],
      ["silent", `bytes=${MIB}-`],
      ["file", `bytes=${MIB}-`],
    ]);
  });
});

Deno.test("remote file - a stop ends a quiet body at once, also once the fetch's Response was garbage-collected", async () => {
  // Deno's fetch lets go of the abort with its Response: after a collection, aborting the
  // request's signal no longer errors the body (Deno 2.9). Only the reader is kept.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  await withFaultServer(async (server) => {
    const bytes = fileBytes(2 * MIB);
    server.script("/held.raw", { kind: "stall", bytes, after: MIB });
    const stop = new AbortController();
    const file = await openRemoteFile(server.url("/held.raw"), RULES, {
      signal: stop.signal,
      maxBytes: 8 * MIB,
    });
    const reader = file.stream.getReader();
    let got = 0;
    while (got < MIB) got += (await reader.read()).value!.length;
    const pending = reader.read();
    gc();
    await new Promise((r) => setTimeout(r, 50));
    gc();
    const stopped = new Error("stopped");
    stop.abort(stopped);
    const outcome = await Promise.race([
      pending.then(() => "a chunk", (err) => err),
      new Promise((r) => setTimeout(() => r("still waiting after 2 s"), 2000)),
    ]);
    assertEquals(outcome, stopped);
    await eventually(() => server.answers()[0].cancelled, 2000, "the connection was let go");
    await reader.cancel().catch(() => {});
  });
});
