import { assertEquals } from "../tests/support/assert.ts";
import { Ticker } from "./ticker.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("ticker - a tick asked for during one joins it; stop waits for it and ends the ticking", async () => {
  let runs = 0;
  let release = () => {};
  const ticker = new Ticker(async () => {
    runs++;
    await new Promise<void>((r) => release = r);
  }, { everyMs: () => 10, fromStart: true, firstDelayMs: 0 });
  const a = ticker.tick();
  const b = ticker.tick();
  assertEquals(runs, 1, "never two at once");
  release();
  await Promise.all([a, b]);
  assertEquals(ticker.start(), true);
  assertEquals(ticker.start(), false, "already ticking");
  await sleep(5);
  const stopping = ticker.stop();
  release();
  await stopping;
  const after = runs;
  await sleep(40);
  assertEquals(runs, after, "no tick after stop");
  assertEquals(ticker.stopped, true);
});

Deno.test("ticker - from the start a long tick shortens the wait; from the end it does not", async () => {
  for (const fromStart of [true, false]) {
    // A clock the work moves on by 60 ms, and the waits the ticker asks setTimeout for.
    let clock = 0;
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      waits.push(ms ?? 0);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      const ticker = new Ticker(() => {
        clock += 60;
        return Promise.resolve();
      }, { everyMs: () => 100, fromStart, firstDelayMs: 7, now: () => clock });
      ticker.start();
      while (waits.length < 3) await new Promise((r) => realSetTimeout(r, 1));
      await ticker.stop();
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    assertEquals(waits.slice(0, 3), fromStart ? [7, 40, 40] : [7, 100, 100]);
  }
});
