import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { VmSummary } from "../../shared/vms.ts";
import {
  initialState,
  type KeyPress,
  matches,
  pressKey,
  splitKeys,
  type TopState,
  visibleVms,
  withEvent,
  withVms,
} from "./model.ts";

const vm = (name: string, extra: Partial<VmSummary> = {}): VmSummary => ({
  id: `id-${name}`,
  name,
  state: "running",
  cpuCount: 1,
  memoryMb: 512,
  ...extra,
});

const VMS = [
  vm("web", {
    cpuPercent: 40,
    memoryMb: 2048,
    netRxBps: 10,
    netTxBps: 5,
    ipAddresses: ["10.1.1.5"],
  }),
  vm("db", { cpuPercent: 90, memoryMb: 8192, diskReadBps: 9000, tags: ["prod"] }),
  vm("build", { state: "stopped", memoryMb: 4096, os: "debian12" }),
];

const key = (input: string, flags: Omit<KeyPress, "input"> = {}): KeyPress => ({ input, ...flags });

/** Presses each key in turn, collecting the effects. */
function press(state: TopState, ...keys: KeyPress[]) {
  const effects = [];
  for (const k of keys) {
    const next = pressKey(state, k);
    state = next.state;
    if (next.effect) effects.push(next.effect);
  }
  return { state, effects };
}

const names = (state: TopState) => visibleVms(state).map((v) => v.name);

Deno.test("top model - sorted by name at first; digits sort a column, the busiest first, again reverses", () => {
  const s = withVms(initialState(), VMS);
  assertEquals(names(s), ["build", "db", "web"]);
  assertEquals(names(press(s, key("3")).state), ["db", "web", "build"]); // CPU%, unsampled last
  assertEquals(names(press(s, key("3"), key("3")).state), ["build", "web", "db"]);
  assertEquals(names(press(s, key("4")).state), ["db", "build", "web"]); // memory
  assertEquals(names(press(s, key("2")).state), ["db", "web", "build"]); // running before stopped
  assertEquals(names(press(s, key("r")).state), ["web", "db", "build"]);
  // → moves to the next column (STATE); ← from NAME wraps round to NET.
  assertEquals(press(s, key("", { rightArrow: true })).state.sort, "state");
  assertEquals(press(s, key("", { leftArrow: true })).state.sort, "net");
});

Deno.test("top model - the filter matches name, state, address, tag and OS; Esc clears it", () => {
  assert(matches(VMS[0], "10.1.1"));
  assert(matches(VMS[1], "PROD"));
  assert(matches(VMS[2], "debian"));
  assert(!matches(VMS[0], "db"));
  const s = withVms(initialState(), VMS);
  const typed =
    press(s, key("/"), key("s"), key("t"), key("o"), key("p"), key("", { backspace: true }))
      .state;
  assertEquals([typed.filter, typed.editingFilter, names(typed)], ["sto", true, ["build"]]);
  // Letters while filtering are text, not commands: "s" did not ask to start anything.
  assertEquals(typed.confirm, null);
  const kept = press(typed, key("", { return: true })).state;
  assertEquals([kept.filter, kept.editingFilter], ["sto", false]);
  assertEquals(press(kept, key("", { escape: true })).state.filter, "");
  const long = press(s, key("/"), key("x".repeat(100))).state;
  assertEquals(long.filter.length, 64);
});

Deno.test("top model - the selection follows its VM through a re-sort and stays on screen", () => {
  const s = withVms(initialState(), VMS);
  const onDb = press(s, key("", { downArrow: true })).state;
  assertEquals(visibleVms(onDb)[1].name, "db");
  assertEquals(onDb.selectedId, "id-db");
  const resorted = press(onDb, key("3")).state;
  assertEquals(resorted.selectedId, "id-db");
  const last = press(s, key("G")).state;
  assertEquals(last.selectedId, "id-web");
  assertEquals(press(last, key("j")).state.selectedId, "id-web"); // no further than the last
  assertEquals(press(last, key("g")).state.selectedId, "id-build");
});

Deno.test("top model - actions ask first, y confirms, any other key cancels; the state refuses in words", () => {
  const s = withVms(initialState(), VMS); // "build" (stopped) is selected first
  const asked = press(s, key("s")).state;
  assertEquals(asked.confirm, { action: "start", vm: { id: "id-build", name: "build" } });
  assertEquals(press(asked, key("y")).effects, [
    { type: "action", action: "start", vm: { id: "id-build", name: "build" } },
  ]);
  const cancelled = press(asked, key("n"));
  assertEquals([cancelled.effects, cancelled.state.message], [[], "Cancelled"]);
  const refused = press(s, key("d")).state;
  assertEquals([refused.confirm, refused.message], [null, "build: VM is not running"]);
  assertEquals(press(s, key("c")).state.message, "build: VM is not running");
  const onWeb = press(s, key("G"), key("c"), key("y"));
  assertEquals(onWeb.effects, [
    { type: "action", action: "console", vm: { id: "id-web", name: "web" } },
  ]);
});

Deno.test("top model - q and Ctrl+C quit; ? shows help and any key closes it", () => {
  const s = withVms(initialState(), VMS);
  assertEquals(press(s, key("q")).effects, [{ type: "quit" }]);
  assertEquals(press(s, key("c", { ctrl: true })).effects, [{ type: "quit" }]);
  const help = press(s, key("?")).state;
  assert(help.help);
  const closed = press(help, key("q"));
  assertEquals([closed.state.help, closed.effects], [false, []]);
});

Deno.test("top model - a state event changes the row at once and drops its stale rates; a deletion removes it", () => {
  const s = withVms(initialState(), VMS);
  const stopped = withEvent(s, {
    type: "vm-state-changed",
    id: "id-web",
    name: "web",
    state: "stopped",
  });
  const web = stopped.vms.find((v) => v.name === "web")!;
  assertEquals([web.state, web.cpuPercent, web.netRxBps], ["stopped", undefined, undefined]);
  assertEquals(web.memoryMb, 2048);
  const gone = withEvent(stopped, { type: "vm-deleted", id: "id-db", name: "db" });
  assertEquals(names(gone), ["build", "web"]);
  assertEquals(withEvent(s, { type: "storage-changed", pool: "p" }), s);
});

Deno.test("top model - a burst of typed characters is one key each; special keys stay whole", () => {
  assertEquals(splitKeys(key("/ca")), [key("/"), key("c"), key("a")]);
  assertEquals(splitKeys(key("G")), [key("G")]);
  assertEquals(splitKeys(key("", { upArrow: true })), [key("", { upArrow: true })]);
  assertEquals(splitKeys(key("c", { ctrl: true })), [key("c", { ctrl: true })]);
});
