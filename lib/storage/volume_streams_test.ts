import { assertEquals } from "../../tests/support/assert.ts";
import { gatherInto, type Piece, transferPieces } from "./volume_streams.ts";

Deno.test("volume streams - gatherInto fills the piece across chunks and flushes each time it is full", async () => {
  const piece: Piece = { buffer: new Uint8Array(4), filled: 0 };
  const flushed: number[][] = [];
  const flush = () => {
    flushed.push([...piece.buffer.subarray(0, piece.filled)]);
    piece.filled = 0;
    return Promise.resolve();
  };
  await gatherInto(piece, new Uint8Array([1, 2, 3]), flush);
  await gatherInto(piece, new Uint8Array([4, 5, 6, 7, 8, 9, 10]), flush);
  assertEquals(flushed, [[1, 2, 3, 4], [5, 6, 7, 8]]);
  assertEquals([...piece.buffer.subarray(0, piece.filled)], [9, 10]);
});

Deno.test("volume streams - transferPieces writes copies and says how many bytes went in all", async () => {
  const written: number[][] = [];
  const sent: number[] = [];
  const pieces = transferPieces((bytes) => {
    written.push([...bytes]);
    return Promise.resolve();
  }, (n) => sent.push(n));
  await pieces.add(new Uint8Array(1024 * 1024 + 3).fill(7));
  await pieces.end();
  assertEquals(written.map((w) => w.length), [1024 * 1024, 3]);
  assertEquals(sent, [1024 * 1024, 1024 * 1024 + 3]);
});
