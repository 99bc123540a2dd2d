// Which open consoles a check closes: those whose holder is gone or may no longer power the VM;
// a change during a check is looked at once more; a socket already closed is only forgotten.

import { assertEquals } from "../../tests/support/assert.ts";
import { OpenConsoles } from "./open_consoles.ts";
import type { Identity } from "../../shared/auth.ts";

const VM = "5d5a0e5c-0000-4000-8000-000000000001";
const OTHER = "5d5a0e5c-0000-4000-8000-000000000002";
const operator = (vms: "*" | string[]): Identity => ({
  user: "alice",
  role: "operator",
  vms,
  via: "session",
});

Deno.test("open consoles - a check closes what the holder may no longer use, once", async () => {
  const consoles = new OpenConsoles();
  let grant: Identity | null = operator([VM]);
  const closes: string[] = [];
  const track = (name: string, holderNow: () => Promise<Identity | null>, ended = false) =>
    consoles.add({ vmId: VM, holderNow, close: () => closes.push(name), ended: () => ended });
  track("alice", () => Promise.resolve(grant));
  track("viewer", () => Promise.resolve({ ...operator("*"), role: "viewer" }));
  track("admin", () => Promise.resolve({ ...operator("*"), role: "admin" }));
  track("failing", () => Promise.reject(new Error("store locked")));
  track("gone", () => Promise.resolve(null), true);
  await consoles.recheck();
  // A viewer may not hold a console, an error asking counts as no, a closed socket is forgotten.
  assertEquals(closes.sort(), ["failing", "viewer"]);
  assertEquals(consoles.size, 2);

  grant = operator([OTHER]);
  await consoles.recheck();
  assertEquals(closes.includes("alice"), true);
  await consoles.recheck();
  assertEquals(closes.filter((c) => c === "alice").length, 1, "closed once");
  assertEquals(consoles.size, 1);
  consoles.close();
});

Deno.test("open consoles - a change during a check is checked again; untracked is untouched", async () => {
  const consoles = new OpenConsoles();
  let answer = operator([VM]);
  let release!: () => void;
  const slow = new Promise<void>((r) => release = r);
  const closes: string[] = [];
  consoles.add({
    vmId: VM,
    holderNow: async () => {
      const now = answer; // read when asked: the first look sees the old grant
      await slow;
      return now;
    },
    close: () => closes.push("slow"),
    ended: () => false,
  });
  const untrack = consoles.add({
    vmId: VM,
    holderNow: () => Promise.resolve(null),
    close: () => closes.push("untracked"),
    ended: () => false,
  });
  untrack();
  const first = consoles.recheck();
  // The grant changes while the first check still waits for the holder's answer.
  const second = consoles.recheck();
  answer = operator([OTHER]);
  release();
  await Promise.all([first, second]);
  assertEquals(closes, ["slow"], "the second look saw the change");
  assertEquals(consoles.size, 0);
  consoles.close();
});
