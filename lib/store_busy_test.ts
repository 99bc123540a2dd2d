import { AuditLog } from "./audit/log.ts";
import type { AuditEntryInput } from "../shared/audit.ts";
import { Sessions } from "./auth/sessions.ts";
import { AppError } from "./errors.ts";
import { MetricsHistory } from "./metrics/history.ts";
import { BUSY_TIMEOUT_MS, isStoreBusy, openStore, Store } from "./store.ts";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { holdWriteLock } from "../tests/support/store_lock.ts";
import { vmSample } from "../tests/support/vm_sample.ts";
import { withTempDir } from "../tests/support/temp_dir.ts";

const inTempDir = (fn: (dir: string) => Promise<void>) => withTempDir("kvmm-busy-", fn);

/** What `fn` threw (null when it returned). */
function thrown(fn: () => unknown): { err: unknown } {
  try {
    fn();
    return { err: null };
  } catch (err) {
    return { err };
  }
}

/**
 * The connection's busy wait (PRAGMA busy_timeout): the longest one of its statements waits for
 * another process's lock before SQLite gives up. node:sqlite is synchronous, so a statement that
 * returns while the other process still holds the lock waited at most this long.
 */
const busyWait = (store: Store) => Number(store.db.prepare("PRAGMA busy_timeout").get()?.timeout);

const insertTemplate = (store: Store, id: string) =>
  store.db.prepare("INSERT INTO templates VALUES (?, ?, '', '{}', 1, 1)").run(id, id);

const entry = (action: string): AuditEntryInput => ({
  user: "root",
  via: "token",
  action,
  method: "POST",
  path: "/api/templates",
  status: 201,
  result: "ok",
});

Deno.test("store busy - another process's write lock: writes fail at once with 503 STORE_BUSY, reads go on", async () => {
  await inTempDir(async (dir) => {
    using store = openStore(dir);
    store.write(() => insertTemplate(store, "before"));
    // Not the 5 s a migration may wait while opening: a write meeting the lock gives up after
    // this (its time is the busy wait's, not the machine's).
    assertEquals(busyWait(store), BUSY_TIMEOUT_MS);
    const lock = await holdWriteLock(store.path);
    try {
      const write = thrown(() => store.write(() => insertTemplate(store, "during")));
      assert(write.err instanceof AppError, `expected an AppError, got ${write.err}`);
      assertEquals(
        [write.err.status, write.err.code, write.err.details],
        [503, "STORE_BUSY", { retryAfter: 1 }],
      );
      assertEquals(
        write.err.message,
        "The data store is busy (another process holds its lock); try again in a moment",
      );
      assert(isStoreBusy(write.err.cause), "the cause is SQLite's own error");
      assertEquals(store.db.isTransaction, false, "nothing left open");
      // A statement outside write() is recognised by isStoreBusy too (for onError).
      const bare = thrown(() => insertTemplate(store, "bare"));
      assert(isStoreBusy(bare.err) && !(bare.err instanceof AppError), `${bare.err}`);
      // WAL: reading never waits for the writer. A read that needed the lock would fail after
      // the busy wait like the writes: it answers, with the lock still held.
      const read = thrown(() =>
        assertEquals(store.db.prepare("SELECT id FROM templates").all().map((r) => r.id), [
          "before",
        ])
      );
      assertEquals(read.err, null);
      assertEquals(store.tryWrite(() => insertTemplate(store, "maybe")), undefined);
    } finally {
      await lock.release();
    }
    store.write(() => insertTemplate(store, "after"));
    assertEquals(store.db.prepare("SELECT id FROM templates ORDER BY id").all().map((r) => r.id), [
      "after",
      "before",
    ]);
  });
});

Deno.test("store busy - a session is looked up and kept while its touch must wait; sign-in is 503", async () => {
  await inTempDir(async (dir) => {
    using store = openStore(dir);
    let now = 1_000_000;
    const sessions = new Sessions(store, 3600_000, () => now);
    const { secret } = sessions.create("root", "admin", "*", null);
    now += 60_000; // past the touch interval: this lookup wants to write last_seen
    const lock = await holdWriteLock(store.path);
    try {
      // Answered while the lock is held, its touch left for later: last_seen is still the
      // creation's (the store's busy wait is the first test's).
      assertEquals(sessions.lookup(secret)?.identity.user, "root");
      const held = store.db.prepare("SELECT last_seen FROM sessions").get();
      assertEquals(held?.last_seen, now - 60_000, "not touched while the lock is held");
      let err: unknown = null;
      try {
        sessions.create("alice", "viewer", "*", null);
      } catch (e) {
        err = e;
      }
      assert(err instanceof AppError && err.code === "STORE_BUSY", `${err}`);
    } finally {
      await lock.release();
    }
    assertEquals(sessions.lookup(secret)?.identity.user, "root");
    const row = store.db.prepare("SELECT last_seen FROM sessions").get();
    assertEquals(row?.last_seen, now, "touched once the store was free");
  });
});

Deno.test("store busy - audit entries wait in memory with their time and are written once the lock is free", async () => {
  await inTempDir(async (dir) => {
    using store = openStore(dir);
    const audit = new AuditLog(store);
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(" "));
    try {
      audit.record(entry("first"));
      const lock = await holdWriteLock(store.path);
      let at = "";
      try {
        // Each returns while the lock is held (record never throws); its entry waits in memory.
        for (let i = 0; i < 20; i++) audit.record(entry(`held.${i}`));
        at = new Date().toISOString();
        assertEquals(audit.pendingCount, 20);
        assertEquals(audit.flush(), false);
      } finally {
        await lock.release();
      }
      // The retry timer writes them without another entry arriving.
      const deadline = Date.now() + 3000;
      while (audit.pendingCount > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assertEquals(audit.pendingCount, 0);
      const page = audit.query({ limit: 100 });
      assertEquals(page.entries.length, 21);
      assertEquals(page.entries[0].action, "held.19");
      assertEquals(page.entries[20].action, "first");
      assert(page.entries[0].at <= at, "each keeps the time it happened");
      assertEquals(errors.length, 2, errors.join("\n"));
      assert(errors[0].startsWith("Audit log: the store is busy"), errors[0]);
      assert(errors[1].includes("free again; 20 held entries recorded"), errors[1]);
    } finally {
      console.error = consoleError;
      audit.close();
    }
  });
});

Deno.test("store busy - metrics samples wait while metrics.db is locked and are written with the next tick", async () => {
  await inTempDir(async (dir) => {
    const history = MetricsHistory.open(dir, 5);
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(" "));
    const t0 = Date.UTC(2026, 0, 1);
    const vm = (cpu: number) => [vmSample("vm-1", "one", cpu)];
    try {
      history.record(t0, null, vm(10));
      // metrics.db's busy wait is the app store's.
      assertEquals(busyWait(history.store), BUSY_TIMEOUT_MS);
      const lock = await holdWriteLock(history.store.path);
      try {
        // Each returns while the lock is held (never throws) and keeps its tick in memory.
        for (let i = 1; i <= 4; i++) history.record(t0 + i * 5000, null, vm(10 + i));
        assertEquals(history.pendingTicks, 4);
      } finally {
        await lock.release();
      }
      history.record(t0 + 25_000, null, vm(15));
      assertEquals(history.pendingTicks, 0);
      assertEquals(history.counts().raw, 6);
      const cpu = history.vmSeries("vm-1", "live", t0 + 30_000).cpu.filter((v) => v !== null);
      assertEquals(cpu, [10, 11, 12, 13, 14, 15]);
      assertEquals(errors.length, 2, errors.join("\n"));
      assert(errors[0].includes("is busy (another process holds its lock)"), errors[0]);
      assert(errors[1].includes("free again; 5 held ticks written"), errors[1]);
    } finally {
      console.error = consoleError;
      history.close();
    }
  });
});
