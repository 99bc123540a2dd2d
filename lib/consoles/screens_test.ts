// ScreenBudget, the app-wide bound on what thumbnails cost: one screenshot at a time, a cap per
// minute and a short queue, each refusal a 429 SCREENSHOT_BUSY saying when to try again.

import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { ScreenBudget } from "./screens.ts";

/** A screenshot that ends when the test says so, noting how many run at once. */
function gate(running: { now: number; most: number }) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => open = resolve);
  const take = async () => {
    running.now++;
    running.most = Math.max(running.most, running.now);
    await opened;
    running.now--;
    return "image";
  };
  return { take, open };
}

Deno.test("ScreenBudget - one screenshot at a time, in the order asked", async () => {
  const budget = new ScreenBudget();
  const running = { now: 0, most: 0 };
  const order: number[] = [];
  const gates = [0, 1, 2].map(() => gate(running));
  const turns = gates.map((g, i) => budget.run(async () => (await g.take(), order.push(i))));
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(running.now, 1, "only the first has started");
  gates.toReversed().forEach((g) => g.open());
  await Promise.all(turns);
  assertEquals(running.most, 1);
  assertEquals(order, [0, 1, 2]);
});

Deno.test("ScreenBudget - past the cap per minute: 429 with the seconds until one frees", async () => {
  let now = 1_000_000;
  const budget = new ScreenBudget({ perMinute: 3, now: () => now });
  for (let i = 0; i < 3; i++) {
    await budget.run(() => Promise.resolve(i));
    now += 10_000;
  }
  assertEquals(budget.takenLastMinute(), 3);
  const err = await assertRejects(() => budget.run(() => Promise.resolve(4)), AppError);
  assertEquals([err.code, err.status], ["SCREENSHOT_BUSY", 429]);
  // The first was taken 30 s ago: it leaves the minute in 30 s.
  assertEquals(err.details, { retryAfter: 30 });
  assertEquals(err.message, "Too many screenshots at once: try again in 30 s");
  now += 30_001;
  assertEquals(await budget.run(() => Promise.resolve("again")), "again");
});

Deno.test("ScreenBudget - a full queue refuses at once instead of piling up", async () => {
  const budget = new ScreenBudget({ queueMax: 2 });
  const running = { now: 0, most: 0 };
  const first = gate(running);
  const second = gate(running);
  const turns = [budget.run(first.take), budget.run(second.take)];
  const err = await assertRejects(() => budget.run(() => Promise.resolve(3)), AppError);
  assertEquals([err.code, err.details], ["SCREENSHOT_BUSY", { retryAfter: 1 }]);
  first.open();
  second.open();
  await Promise.all(turns);
  // A failed screenshot frees its place and does not stop the next.
  await assertRejects(() => budget.run(() => Promise.reject(new Error("gone"))), Error);
  assert(await budget.run(() => Promise.resolve(true)));
});
