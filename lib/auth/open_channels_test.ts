// Which open channels a check closes: those whose holder is gone, too slow to say, or may no
// longer use it; a new channel is looked at when added; a change during a check is looked at
// once more; a channel already closed is only forgotten.

import { assertEquals } from "../../tests/support/assert.ts";
import { OpenChannels } from "./open_channels.ts";
import { mayPower } from "./permissions.ts";
import type { Identity } from "../../shared/auth.ts";

const VM = "5d5a0e5c-0000-4000-8000-000000000001";
const OTHER = "5d5a0e5c-0000-4000-8000-000000000002";
const operator = (vms: "*" | string[]): Identity => ({
  user: "alice",
  role: "operator",
  vms,
  via: "session",
});
const allows = (holder: Identity) => mayPower(holder, VM);
const settled = () => new Promise((r) => setTimeout(r, 0));

Deno.test("open channels - a new one is looked at at once; a check closes what may not stay", async () => {
  const channels = new OpenChannels();
  let grant: Identity | null = operator([VM]);
  const closes: string[] = [];
  const track = (name: string, holderNow: () => Promise<Identity | null>, ended = false) =>
    channels.add({ holderNow, allows, close: () => closes.push(name), ended: () => ended });
  track("alice", () => Promise.resolve(grant));
  track("viewer", () => Promise.resolve({ ...operator("*"), role: "viewer" }));
  track("admin", () => Promise.resolve({ ...operator("*"), role: "admin" }));
  track("failing", () => Promise.reject(new Error("store locked")));
  track("throwing", () => {
    throw new TypeError("not a function");
  });
  track("gone", () => Promise.resolve(null), true);
  await settled();
  // Access withdrawn before it was tracked: a viewer, and an error asking, close at once; a
  // closed one is forgotten without a close.
  assertEquals(closes.sort(), ["failing", "throwing", "viewer"]);
  assertEquals(channels.size, 2);

  grant = operator([OTHER]);
  await channels.recheck();
  assertEquals(closes.includes("alice"), true);
  await channels.recheck();
  assertEquals(closes.filter((c) => c === "alice").length, 1, "closed once");
  assertEquals(channels.size, 1);
  channels.close();
});

Deno.test("open channels - a change during a check is checked again; untracked is untouched", async () => {
  const channels = new OpenChannels();
  let answer = operator([VM]);
  let release!: () => void;
  let slow = Promise.resolve();
  const closes: string[] = [];
  channels.add({
    holderNow: async () => {
      const now = answer; // read when asked: the first look sees the old grant
      await slow;
      return now;
    },
    allows,
    close: () => closes.push("slow"),
    ended: () => false,
  });
  const untrack = channels.add({
    holderNow: () => new Promise(() => {}),
    allows,
    close: () => closes.push("untracked"),
    ended: () => false,
  });
  untrack();
  await settled();
  slow = new Promise<void>((r) => release = r);
  const first = channels.recheck();
  // The grant changes while the first check still waits for the holder's answer.
  const second = channels.recheck();
  answer = operator([OTHER]);
  release();
  await Promise.all([first, second]);
  assertEquals(closes, ["slow"], "the second look saw the change");
  assertEquals(channels.size, 0);
  channels.close();
});

Deno.test("open channels - a holder that never answers closes its channel, not the others'", async () => {
  const channels = new OpenChannels({ holderTimeoutMs: 50 });
  const closes: string[] = [];
  let grant = operator([VM]);
  channels.add({
    holderNow: () => new Promise(() => {}), // a directory that never answers
    allows,
    close: () => closes.push("stuck"),
    ended: () => false,
  });
  channels.add({
    holderNow: () => Promise.resolve(grant),
    allows,
    close: () => closes.push("session"),
    ended: () => false,
  });
  grant = operator([OTHER]);
  await channels.recheck();
  assertEquals(closes.sort(), ["session", "stuck"]);
  assertEquals(channels.size, 0);
  channels.close();
});
