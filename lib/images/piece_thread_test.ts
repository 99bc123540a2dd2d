import { createHash } from "node:crypto";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { PieceThread } from "./piece_thread.ts";

const MIB = 1024 * 1024;

/** `size` bytes that differ from place to place, so a piece lost or twice would show. */
function bytesOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) {
    crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
  }
  return bytes;
}

const sha = (algorithm: string, bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest("hex");

/** Gives `bytes` in pieces of `sizes` (over and over), filling each piece's buffer again at once. */
async function giveAll(thread: PieceThread, bytes: Uint8Array, sizes: number[]): Promise<void> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const piece = bytes.slice(at, at + sizes[i % sizes.length]);
    await thread.give(piece);
    piece.fill(0); // what was given must not change with the caller's buffer
    at += piece.length;
  }
}

Deno.test("piece thread - the digest node:crypto gives on the main thread, however the bytes are cut", async () => {
  // Past the pieces that may be away at once (4 MiB), with cuts across the 1 MiB pieces.
  const bytes = bytesOf(9 * MIB + 12345);
  for (const sizes of [[MIB], [65536, 7], [3 * MIB + 1], [bytes.length]]) {
    const thread = new PieceThread({ algorithm: "sha256" });
    await giveAll(thread, bytes, sizes);
    assertEquals(await thread.finish(), sha("sha256", bytes), `pieces of ${sizes}`);
  }
  // One byte at a time, over the first 100 KiB only.
  const small = bytes.subarray(0, 100_000);
  const bytewise = new PieceThread({ algorithm: "sha512" });
  await giveAll(bytewise, small, [1]);
  assertEquals(await bytewise.finish(), sha("sha512", small));
  const empty = new PieceThread({ algorithm: "sha256" });
  assertEquals(await empty.finish(), sha("sha256", new Uint8Array(0)));
});

Deno.test("piece thread - writes the file and hashes it; from the middle, the bytes before are kept and hashed first", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-pieces-" });
  try {
    const path = `${dir}/disk.raw`;
    const bytes = bytesOf(6 * MIB + 999);
    // Written whole over a file that held something longer: it is cut to what was given.
    await Deno.writeFile(path, bytesOf(8 * MIB));
    const whole = new PieceThread({ algorithm: "sha256", file: { path, from: 0 } });
    await giveAll(whole, bytes, [MIB]);
    assertEquals(await whole.finish(), sha("sha256", bytes));
    assertEquals(await Deno.readFile(path), bytes);

    // A cut download: 2.5 MiB and some garbage past them on disk; it goes on from 2.5 MiB.
    const from = 2.5 * MIB;
    await Deno.writeFile(path, new Uint8Array([...bytes.subarray(0, from), 1, 2, 3]));
    const resumed = new PieceThread({ algorithm: "sha256", file: { path, from } });
    await giveAll(resumed, bytes.subarray(from), [65536]);
    assertEquals(await resumed.finish(), sha("sha256", bytes));
    assertEquals(await Deno.readFile(path), bytes);

    // No checksum asked: written, null.
    const plain = new PieceThread({ algorithm: null, file: { path, from: 0 } });
    await giveAll(plain, bytes.subarray(0, 1000), [1000]);
    assertEquals(await plain.finish(), null);
    assertEquals((await Deno.stat(path)).size, 1000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("piece thread - what fails on the thread is thrown in its words; a closed one takes nothing more", async () => {
  // A file that cannot be opened: the next give() or finish() says why.
  const missing = new PieceThread({
    algorithm: "sha256",
    file: { path: "/nonexistent-kvmm/disk.raw", from: 0 },
  });
  const err = await assertRejects(async () => {
    await giveAll(missing, bytesOf(6 * MIB), [MIB]);
    await missing.finish();
  }, Error);
  assert(/No such file or directory/.test(err.message), err.message);

  // A file shorter than the point a resume goes on from.
  const dir = await Deno.makeTempDir({ prefix: "kvmm-pieces-" });
  try {
    await Deno.writeFile(`${dir}/short.raw`, bytesOf(100));
    const short = new PieceThread({
      algorithm: "sha256",
      file: { path: `${dir}/short.raw`, from: 200 },
    });
    const why = await assertRejects(() => short.finish(), Error);
    assertEquals(why.message, "the file ends at byte 100, before byte 200");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }

  const closed = new PieceThread({ algorithm: "sha256" });
  await closed.give(bytesOf(1000));
  closed.close();
  closed.close();
  for (const call of [() => closed.give(bytesOf(MIB)), () => closed.finish()]) {
    assertEquals((await assertRejects(call, Error)).message, "the download's thread was stopped");
  }
});

Deno.test("piece thread - a stop ends it at once, also a give() waiting on a resume's hashing; the file keeps a prefix", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-pieces-" });
  try {
    const path = `${dir}/disk.raw`;
    const kept = bytesOf(64 * MIB);
    await Deno.writeFile(path, kept);
    const stop = new AbortController();
    const thread = new PieceThread({
      algorithm: "sha512",
      file: { path, from: kept.length },
      signal: stop.signal,
    });
    // Four pieces go while the worker still hashes the 64 MiB kept; the fifth waits for one back.
    for (let i = 0; i < 4; i++) await thread.give(bytesOf(MIB));
    const waiting = thread.give(bytesOf(MIB));
    stop.abort(new Error("cancelled"));
    // Without the stop reaching it, this give would wait for the hashing and then resolve.
    assertEquals(
      (await assertRejects(() => waiting, Error)).message,
      "the download's thread was stopped",
    );
    await assertRejects(() => thread.finish(), Error);
    const size = (await Deno.stat(path)).size;
    assert(size >= kept.length && size <= kept.length + 4 * MIB, `size ${size}`);
    assertEquals((await Deno.readFile(path)).subarray(0, kept.length), kept);

    // Already stopped: nothing is taken.
    const late = new PieceThread({ algorithm: "sha256", signal: stop.signal });
    await assertRejects(() => late.give(bytesOf(10)), Error);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
