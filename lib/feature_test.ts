import { assertEquals, assertThrows } from "../tests/support/assert.ts";
import { feature, FeatureSet } from "./feature.ts";
import { taskTitle } from "./tasks/titles.ts";

interface Parts {
  host: string;
}

/** A feature that records what happens to it in `log`. */
function recorded(log: string[], name: string, scope: "host" | "app" = "host") {
  return feature({
    name,
    scope,
    make: ({ host }: Parts) => {
      log.push(`make ${name} on ${host}`);
      return {
        services: { host, hello: () => `${name} on ${host}` },
        background: [{
          name: `${name} work`,
          start: () => void log.push(`start ${name} on ${host}`),
          stop: () => void log.push(`stop ${name} on ${host}`),
        }],
        close: () => void log.push(`close ${name} on ${host}`),
      };
    },
  });
}

Deno.test("features - made on first use, their work started then, closed last made first", async () => {
  const log: string[] = [];
  const a = recorded(log, "a");
  const b = recorded(log, "b");
  const set = new FeatureSet([a, b], { parts: () => ({ host: "local" }) });
  set.start();
  assertEquals(log, [], "nothing is made before it is used");
  const lazyB = set.lazy(b);
  assertEquals(log, [], "a lazy handle makes nothing until a member is read");
  assertEquals(lazyB.hello(), "b on local");
  assertEquals(set.get(a).hello(), "a on local");
  assertEquals(set.get(b), set.get(b), "made once");
  assertEquals(set.made, ["b", "a"]);
  await set.close();
  assertEquals(log, [
    "make b on local",
    "start b on local",
    "make a on local",
    "start a on local",
    "stop a on local",
    "close a on local",
    "stop b on local",
    "close b on local",
  ]);
  const unplugged = assertThrows(() => set.get(recorded([], "c")), Error);
  assertEquals(unplugged.message, "the c feature is not plugged in");
});

Deno.test("features - made before start, their work waits for it; startsOn makes one at start", async () => {
  const log: string[] = [];
  const early = recorded(log, "early");
  const wanted = { ...recorded(log, "wanted"), startsOn: () => true };
  const never = recorded(log, "never");
  const set = new FeatureSet([early, wanted, never], { parts: () => ({ host: "local" }) });
  set.get(early);
  assertEquals(log, ["make early on local"]);
  set.start();
  assertEquals(log, [
    "make early on local",
    "make wanted on local",
    "start early on local",
    "start wanted on local",
  ]);
  await set.close();
  const late = assertThrows(() => set.get(never), Error);
  assertEquals(late.message, "the never feature is asked for after close");
});

Deno.test("features - whenMade waits for the first use, or runs at once after it", () => {
  const log: string[] = [];
  const a = recorded(log, "a");
  const set = new FeatureSet([a], { parts: () => ({ host: "local" }) });
  set.whenMade(a, (s) => void log.push(`told ${s.host}`));
  assertEquals(log.length, 0, "not made by being waited for");
  set.get(a);
  set.whenMade(a, (s) => void log.push(`told again ${s.host}`));
  assertEquals(log, ["make a on local", "told local", "told again local"]);
});

Deno.test("features - an app-wide one is made once, by the local host's set", async () => {
  const log: string[] = [];
  const app = recorded(log, "app", "app");
  const host = recorded(log, "host");
  const local = new FeatureSet([app, host], { parts: () => ({ host: "local" }) });
  const remote = new FeatureSet([app, host], { parts: () => ({ host: "remote" }), shared: local });
  assertEquals(remote.get(app).host, "local");
  assertEquals(remote.get(host).host, "remote");
  remote.start();
  await remote.close();
  assertEquals(log, [
    "make app on local",
    "make host on remote",
    "start host on remote",
    "stop host on remote",
    "close host on remote",
  ], "the remote host's set neither starts nor closes the app-wide feature");
  await local.close();
  assertEquals(log.slice(-1), ["close app on local"]);
});

Deno.test("features - names are unique; task titles join the table", () => {
  const log: string[] = [];
  const twice = assertThrows(
    () => new FeatureSet([recorded(log, "x"), recorded(log, "x")], { parts: () => ({ host: "" }) }),
    Error,
  );
  assertEquals(twice.message, "two features are named x");
  const titled = { ...recorded(log, "titled"), titles: { "gadget.polish": "Polish the gadget" } };
  assertEquals(taskTitle("gadget.polish"), "Polish gadget");
  new FeatureSet([titled], { parts: () => ({ host: "" }) });
  assertEquals(taskTitle("gadget.polish"), "Polish the gadget");
});
