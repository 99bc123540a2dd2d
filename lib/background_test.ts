import { assertEquals } from "../tests/support/assert.ts";
import { backgroundTasks, startTasks, stopTasks } from "./background.ts";

function recorder() {
  const log: string[] = [];
  const part = (name: string) => ({
    start: () => void log.push(`start ${name}`),
    close: () => {
      log.push(`stop ${name}`);
      return Promise.resolve();
    },
  });
  const monitoring = {
    start: () => void log.push("start metrics"),
    collector: { stop: () => Promise.resolve(void log.push("stop metrics")) },
  };
  return { log, monitoring, scheduler: part("scheduler"), addresses: part("addresses") };
}

Deno.test("background - a remote host's tasks start in order and stop last started first", async () => {
  const { log, ...services } = recorder();
  const tasks = backgroundTasks(services as unknown as Parameters<typeof backgroundTasks>[0]);
  assertEquals(tasks.map((t) => t.name), ["metrics", "scheduler", "addresses"]);
  startTasks(tasks);
  await stopTasks(tasks);
  assertEquals(log, [
    "start metrics",
    "start scheduler",
    "start addresses",
    "stop addresses",
    "stop scheduler",
    "stop metrics",
  ]);
});

Deno.test("background - the local host's list ends with its remote hosts", async () => {
  const { log, ...services } = recorder();
  const hosts = {
    start: () => void log.push("start hosts"),
    close: () => Promise.resolve(void log.push("stop hosts")),
  };
  const tasks = backgroundTasks(
    { ...services, hosts } as unknown as Parameters<typeof backgroundTasks>[0],
  );
  assertEquals(tasks.map((t) => t.name), ["metrics", "scheduler", "addresses", "remote hosts"]);
  await stopTasks(tasks);
  assertEquals(log, ["stop hosts", "stop addresses", "stop scheduler", "stop metrics"]);
});
