import { assertEquals } from "../tests/support/assert.ts";
import { EscapeFilter, LEAVE, PREFIX } from "./escape.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const push = (f: EscapeFilter, ...chunk: number[]) => {
  const r = f.push(Uint8Array.from(chunk));
  return { send: [...r.send], leave: r.leave };
};

Deno.test("escape - plain input passes through unchanged", () => {
  const f = new EscapeFilter();
  const r = f.push(bytes("echo hi\r"));
  assertEquals([...r.send], [...bytes("echo hi\r")]);
  assertEquals(r.leave, false);
});

Deno.test("escape - Ctrl+a t leaves and drops what follows in the same read", () => {
  const f = new EscapeFilter();
  assertEquals(push(f, 0x61, PREFIX, LEAVE, 0x62), { send: [0x61], leave: true });
});

Deno.test("escape - Ctrl+a Ctrl+a sends one Ctrl+a", () => {
  const f = new EscapeFilter();
  assertEquals(push(f, PREFIX, PREFIX, 0x78), { send: [PREFIX, 0x78], leave: false });
  assertEquals(f.pending, false);
});

Deno.test("escape - Ctrl+a and another key sends both", () => {
  const f = new EscapeFilter();
  assertEquals(push(f, PREFIX, 0x78), { send: [PREFIX, 0x78], leave: false });
  // Uppercase T is not the leave key.
  assertEquals(push(f, PREFIX, 0x54), { send: [PREFIX, 0x54], leave: false });
});

Deno.test("escape - a sequence split across reads still counts", () => {
  const f = new EscapeFilter();
  assertEquals(push(f, 0x6c, PREFIX), { send: [0x6c], leave: false });
  assertEquals(f.pending, true);
  assertEquals(push(f, LEAVE), { send: [], leave: true });

  const g = new EscapeFilter();
  assertEquals(push(g, PREFIX), { send: [], leave: false });
  assertEquals(push(g, PREFIX), { send: [PREFIX], leave: false });
  assertEquals(push(g, LEAVE), { send: [LEAVE], leave: false });
});

Deno.test("escape - t without the prefix is an ordinary key", () => {
  const f = new EscapeFilter();
  assertEquals(push(f, LEAVE, LEAVE), { send: [LEAVE, LEAVE], leave: false });
});
