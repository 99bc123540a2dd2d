// The delivery queue's promises, on the real app store with a clock of the test's own: a failed
// delivery is tried again after the base delay, then after twice as long each time up to the
// longest delay; it is given up after MAX_ATTEMPTS; and delivery is at least once, not exactly
// once: a delivery whose success could not be written down is sent again.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { openStore, type Store } from "../store.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import { backoff, DeliveryQueue, MAX_ATTEMPTS } from "./queue.ts";
import type { StoredTarget } from "./records.ts";

const T0 = Date.UTC(2026, 10, 27, 1);
const BASE = 30_000;
const MAX = 3_600_000;

const EVENT: NotifyEvent = {
  kind: "backup-failed",
  severity: "critical",
  hostId: "local",
  title: "Backup of db failed",
  text: "x",
  at: new Date(T0).toISOString(),
};

const TARGET = {
  id: "t1",
  name: "hook",
  kind: "webhook",
  config: { url: "http://127.0.0.1:9/" },
  secret: null,
} as unknown as StoredTarget;

interface Row {
  status: string;
  attempts: number;
  next_at: number;
  last_error: string | null;
}

function row(store: Store): Row {
  const found = store.db.prepare(
    "SELECT status, attempts, next_at, last_error FROM notify_deliveries",
  ).get();
  return { ...found } as unknown as Row;
}

async function withQueue(
  send: (target: StoredTarget, event: NotifyEvent) => Promise<void>,
  fn: (queue: DeliveryQueue, store: Store, clock: { now: number }) => Promise<void>,
) {
  const store = openStore(null);
  const clock = { now: T0 };
  const queue = new DeliveryQueue({
    store,
    target: (id) => id === TARGET.id ? TARGET : undefined,
    send,
    now: () => clock.now,
    tickMs: 5,
  });
  queue.start();
  try {
    await fn(queue, store, clock);
  } finally {
    await queue.stop();
    store.close();
  }
}

Deno.test("notify queue - backoff doubles from the base delay and stops at the longest", () => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => backoff(n, BASE, MAX));
  assertEquals(delays, [
    30_000,
    60_000,
    120_000,
    240_000,
    480_000,
    960_000,
    1_920_000,
    3_600_000,
    3_600_000,
  ]);
  assertEquals(backoff(0, BASE, MAX), BASE, "never less than the base");
});

Deno.test("notify queue - a failing target is tried again on the backoff's schedule and given up after MAX_ATTEMPTS", async () => {
  let tries = 0;
  await withQueue(
    () => {
      tries++;
      return Promise.reject(new Error("connection refused"));
    },
    async (queue, store, clock) => {
      queue.enqueue(TARGET.id, null, EVENT);
      await queue.idle();
      assertEquals(tries, 1, "tried at once");
      assertEquals(row(store), {
        status: "pending",
        attempts: 1,
        next_at: T0 + BASE,
        last_error: "connection refused",
      });
      // Not before its time.
      clock.now = T0 + BASE - 1;
      await queue.idle();
      assertEquals(tries, 1, "nothing before the delay");
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        clock.now = row(store).next_at;
        await queue.idle();
        assertEquals(tries, attempt, `attempt ${attempt}`);
        const after = row(store);
        assertEquals(after.attempts, attempt);
        if (attempt < MAX_ATTEMPTS) {
          assertEquals(after.status, "pending");
          assertEquals(after.next_at, clock.now + backoff(attempt, BASE, MAX));
        }
      }
      assertEquals(row(store).status, "failed", `given up after ${MAX_ATTEMPTS} attempts`);
      clock.now += 10 * MAX;
      await queue.idle();
      assertEquals(tries, MAX_ATTEMPTS, "never tried again");
    },
  );
});

Deno.test("notify queue - at least once: a delivery whose success could not be written is sent again", async () => {
  let sent = 0;
  await withQueue(
    () => {
      sent++;
      return Promise.resolve();
    },
    async (queue, store) => {
      // The store refuses the one write after the first send (another process holds it).
      const write = store.write.bind(store);
      let refused = false;
      store.write = <T>(fn: () => T): T => {
        if (sent === 1 && !refused) {
          refused = true;
          throw new AppError("STORE_BUSY", "the store is busy");
        }
        return write(fn);
      };
      queue.enqueue(TARGET.id, null, EVENT);
      await queue.idle();
      assert(refused, "the write after the first send was refused");
      assertEquals(sent, 2, "the event went out twice");
      assertEquals([row(store).status, row(store).attempts], ["sent", 1]);
    },
  );
});
