import { assertEquals } from "../../tests/support/assert.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { PoolWatch } from "./pool_watch.ts";

const GiB = 1024 ** 3;

/** A pool of 100 GiB that uses `percent` of it. */
const poolAt = (name: string, percent: number): PoolSummary => ({
  name,
  active: true,
  capacityBytes: 100 * GiB,
  allocationBytes: percent * GiB,
  availableBytes: (100 - percent) * GiB,
  path: `/srv/${name}`,
});

Deno.test("pool watch - reads the pools only while a rule would send what it finds", async () => {
  let reads = 0;
  let wanted = false;
  const published: NotifyEvent[] = [];
  const watch = new PoolWatch({
    hostId: "local",
    list: () => {
      reads++;
      return Promise.resolve([poolAt("vms", 95), poolAt("iso", 10)]);
    },
    publish: (e) => published.push(e),
    wanted: () => wanted,
  });

  await watch.check();
  assertEquals([reads, published.length], [0, 0], "no rule: the pools are not read");

  wanted = true;
  await watch.check();
  assertEquals(reads, 1);
  // The first read compares with 0, as after a start: each pool's use is told once.
  assertEquals(published.map((e) => [e.title, e.severity, e.previousPercent]), [
    ["Storage pool vms is 95 % full", "critical", 0],
    ["Storage pool iso is 10 % full", "warning", 0],
  ]);

  await watch.check();
  assertEquals([reads, published.length], [2, 2], "the same use again: nothing new");

  // The rule goes and comes back: the pools were not followed meanwhile, so the next read is a
  // first one again.
  wanted = false;
  await watch.check();
  wanted = true;
  await watch.check();
  assertEquals([reads, published.length], [3, 4]);
});
