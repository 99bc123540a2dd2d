import { assert, assertEquals } from "../tests/support/assert.ts";
import { type ByteConnection, type Frame, LineSplitter, serveConnection } from "./transport.ts";
import type { RpcResponse } from "./protocol.ts";
import "../tests/harness/test_util.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const lines = (frames: Frame[]) => frames.map((f) => "line" in f ? f.line : `!${f.error}`);

Deno.test("transport - two requests in one chunk, one split across chunks", () => {
  const s = new LineSplitter();
  assertEquals(lines(s.push(enc('{"a":1}\n{"b":2}\n{"c"'))), ['{"a":1}', '{"b":2}']);
  assertEquals(lines(s.push(enc(":3"))), []);
  assertEquals(lines(s.push(enc("}\n"))), ['{"c":3}']);
});

Deno.test("transport - a UTF-8 character cut between chunks is whole in its line", () => {
  const s = new LineSplitter();
  const bytes = enc('{"p":"é€😀"}\n');
  const out: Frame[] = [];
  // One byte at a time: every multi-byte character is cut somewhere.
  for (const b of bytes) out.push(...s.push(new Uint8Array([b])));
  assertEquals(lines(out), ['{"p":"é€😀"}']);
});

Deno.test("transport - CRLF, blank lines and invalid UTF-8", () => {
  const s = new LineSplitter();
  assertEquals(lines(s.push(enc("x\r\n\n  \r\ny\n"))), ["x", "y"]);
  assertEquals(lines(s.push(new Uint8Array([0x7b, 0xff, 0x7d, 0x0a]))), [
    "!line is not valid UTF-8",
  ]);
});

Deno.test("transport - an over-long line is reported once and skipped to its newline", () => {
  const s = new LineSplitter(10);
  assertEquals(lines(s.push(enc("0123456789\n"))), ["0123456789"]);
  // Reported as soon as it passes the limit, not when its newline finally comes.
  assertEquals(lines(s.push(enc("0123456789A"))), ["!line longer than 10 bytes; skipped"]);
  assertEquals(lines(s.push(enc("more and more"))), []);
  assertEquals(lines(s.push(enc("still\nok\n"))), ["ok"]);
  // Over the limit within one chunk, with the next line in the same chunk.
  assertEquals(lines(s.push(enc("abcdefghijklmnop\nnext\n"))), [
    "!line longer than 10 bytes; skipped",
    "next",
  ]);
  // The reader's buffer is reused: a partial line must have been copied.
  const buf = enc("abc");
  s.push(buf);
  buf.set(enc("XYZ"));
  assertEquals(lines(s.push(enc("d\n"))), ["abcd"]);
});

/** An in-memory connection: feeds `input` chunks, then EOF; writes land in `written`. */
function memoryConnection(
  input: Uint8Array[],
  { maxWrite = Infinity, holdEof = Promise.resolve() } = {},
) {
  const written: Uint8Array[] = [];
  const conn: ByteConnection = {
    async read(p) {
      const next = input.shift();
      if (!next) {
        await holdEof;
        return null;
      }
      p.set(next);
      return next.length;
    },
    async write(p) {
      // Partial writes: the writer must loop, and must not let another answer in between.
      const n = Math.min(p.length, maxWrite);
      written.push(p.slice(0, n));
      await new Promise((r) => setTimeout(r, 0));
      return n;
    },
  };
  const text = () => new TextDecoder().decode(new Uint8Array(written.flatMap((c) => [...c])));
  return { conn, text };
}

const reply = (id: unknown, result: unknown): RpcResponse => ({
  jsonrpc: "2.0",
  id: id as number,
  result,
});

Deno.test("transport - answers are concurrent, whole and never interleaved", async () => {
  let releaseSlow!: () => void;
  const slow = new Promise<void>((r) => releaseSlow = r);
  const { conn, text } = memoryConnection([enc('{"id":1,"slow":true}\n{"id":2}\n{"id":3}\n')], {
    maxWrite: 7,
    holdEof: slow.then(() => new Promise((r) => setTimeout(r, 20))),
  });
  const answer = async (line: string) => {
    const req = JSON.parse(line);
    if (req.slow) await slow;
    return reply(req.id, "x".repeat(50));
  };
  const served = serveConnection(conn, answer, { drainOnEof: true });
  for (let i = 0; i < 200 && text().split("\n").length < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  // The slow first request has not held up the other two.
  assertEquals(text().split("\n").filter(Boolean).map((l) => JSON.parse(l).id), [2, 3]);
  releaseSlow();
  await served;
  const out = text().split("\n");
  assertEquals(out.pop(), "");
  assertEquals(out.map((l) => JSON.parse(l).id), [2, 3, 1]);
});

Deno.test("transport - over-long lines are answered, the next line still served", async () => {
  const { conn, text } = memoryConnection([enc("x".repeat(40)), enc("\n[1]\n"), enc('{"id":9}\n')]);
  await serveConnection(conn, (line) => {
    const req = JSON.parse(line);
    return Promise.resolve(Array.isArray(req) ? reply(null, "batch") : reply(req.id, "ok"));
  }, { drainOnEof: true, maxLineBytes: 32 });
  const out = text().trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(out[0].id, null);
  assertEquals(out[0].error.code, -32700);
  assertEquals(out[0].error.data.name, "PARSE_ERROR");
  assertEquals(out.slice(1).map((r) => r.result), ["batch", "ok"]);
});

Deno.test("transport - after the host goes away, late answers are dropped", async () => {
  let release!: () => void;
  const late = new Promise<void>((r) => release = r);
  const { conn, text } = memoryConnection([enc('{"id":1}\n')]);
  const { bytesRead } = await serveConnection(conn, async (line) => {
    await late;
    return reply(JSON.parse(line).id, "late");
  }, { drainOnEof: false });
  assertEquals(bytesRead, 9);
  release();
  await new Promise((r) => setTimeout(r, 10));
  assert(text() === "", "nothing written after the end of the stream");
});
