import { assert, assertEquals } from "../../tests/support/assert.ts";
import { CHANNEL_WINDOW_MS, fitsSession, MAX_CHANNELS, SpiceSessions } from "./spice_sessions.ts";
import { CHANNEL } from "./spice_link.ts";

/** A stand-in for the auth store's single-use ticket of `holder` for `vm`. */
function oneTicket(ticket: string, holder: string, vm: string) {
  let live = true;
  let asked = 0;
  return {
    get asked() {
      return asked;
    },
    redeem: (t: string, h: string, v: string) => () => {
      asked++;
      const ok = live && t === ticket && h === holder && v === vm;
      live = false;
      return ok;
    },
  };
}

Deno.test("spice sessions - one ticket opens one session's channels, for its caller and VM only", () => {
  let now = 1_000;
  const sessions = new SpiceSessions({ now: () => now });
  const auth = oneTicket("T", "alice", "vm-a");
  const admit = (ticket: string, holder: string, vm: string) =>
    sessions.admit({ ticket, holder, vm, redeem: auth.redeem(ticket, holder, vm) });

  const main = admit("T", "alice", "vm-a");
  assert(main?.first, "the first socket redeems the ticket and starts the session");
  assertEquals(auth.asked, 1);
  assertEquals(admit("T", "alice", "vm-a"), { first: false }, "a channel of the session");
  assertEquals(auth.asked, 1, "joining channels never touch the auth store again");

  assertEquals(admit("T", "bob", "vm-a"), null, "another caller");
  assertEquals(admit("T", "alice/token:t1", "vm-a"), null, "the same owner's API token");
  assertEquals(admit("T", "alice", "vm-b"), null, "another VM");
  assertEquals(admit("made-up", "alice", "vm-a"), null, "an unknown ticket");
  assertEquals(admit("", "alice", "vm-a"), null, "no ticket");

  now += CHANNEL_WINDOW_MS - 1;
  assertEquals(admit("T", "alice", "vm-a"), { first: false }, "late, but inside the window");
  now += 1;
  assertEquals(admit("T", "alice", "vm-a"), null, "past the window");
  assertEquals(sessions.size, 0, "an old session is forgotten");
});

Deno.test("spice sessions - channels open only while the main channel is, and only so many", () => {
  const sessions = new SpiceSessions();
  let redeemed = 0;
  const admit = () =>
    sessions.admit({ ticket: "T", holder: "alice", vm: "vm-a", redeem: () => ++redeemed === 1 });
  const main = admit();
  assert(main?.first);
  for (let i = 1; i < MAX_CHANNELS; i++) assertEquals(admit(), { first: false }, `channel ${i}`);
  assertEquals(admit(), null, `socket ${MAX_CHANNELS + 1}`);

  const again = new SpiceSessions();
  let used = false;
  const once = () => !used && (used = true);
  const first = again.admit({ ticket: "U", holder: "alice", vm: "vm-a", redeem: once });
  assert(first?.first);
  first.end();
  assertEquals(again.size, 0);
  assertEquals(
    again.admit({ ticket: "U", holder: "alice", vm: "vm-a", redeem: once }),
    null,
    "the main channel closed: the ticket is spent",
  );
});

Deno.test("spice sessions - a ticket starts one session: main channel first, then its channels", () => {
  const link = (channelType: number, connectionId: number) => ({
    major: 2,
    minor: 2,
    connectionId,
    channelType,
    channelId: 0,
  });
  assert(fitsSession(link(CHANNEL.MAIN, 0), true));
  assert(!fitsSession(link(CHANNEL.DISPLAY, 7), true), "a first socket that is not main");
  assert(!fitsSession(link(CHANNEL.MAIN, 7), true), "a main channel naming a session");
  assert(fitsSession(link(CHANNEL.DISPLAY, 7), false));
  assert(fitsSession(link(CHANNEL.INPUTS, 7), false));
  assert(!fitsSession(link(CHANNEL.MAIN, 0), false), "a second session on the same ticket");
  assert(!fitsSession(link(CHANNEL.DISPLAY, 0), false), "a channel naming no session");
  assert(!fitsSession(null, true), "not a SPICE link at all");
  assert(!fitsSession(null, false));
});
