import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import {
  APP_SCHEMA,
  BUSY_TIMEOUT_MS,
  DB_FILE,
  openAppStore,
  openStore,
  SCHEMA_VERSION,
  Store,
  StoreTooNewError,
} from "./store.ts";
import { VERSION } from "./version.ts";
import { MetricsHistory } from "./metrics/history.ts";

async function withTempDir(fn: (dir: string) => Promise<void> | void) {
  const dir = await Deno.makeTempDir({ prefix: "kvm-store-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function throwsError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    assert(err instanceof Error, `expected an Error, got ${err}`);
    return err;
  }
  throw new Error("expected a throw");
}

const migrations = (store: Store) =>
  store.db.prepare("SELECT version, applied_at FROM schema_migrations ORDER BY version").all()
    .map((row) => ({ ...row }));

const insertTemplate = (store: Store, id: string, name: string) =>
  store.db.prepare("INSERT INTO templates VALUES (?, ?, '', '{}', 1, 1)").run(id, name);

Deno.test("store - an in-memory store has every migration applied once", () => {
  using store = Store.open(":memory:");
  const rows = migrations(store);
  assertEquals(rows.map((r) => r.version), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  assert(SCHEMA_VERSION >= 6, `SCHEMA_VERSION ${SCHEMA_VERSION}`);
  const columns = store.db.prepare("PRAGMA table_info(templates)").all().map((c) => c.name);
  assertEquals(columns, ["id", "name", "description", "config", "created_at", "updated_at"]);
  assertEquals(store.db.prepare("PRAGMA foreign_keys").get()?.foreign_keys, 1);
  assertEquals(store.db.prepare("PRAGMA busy_timeout").get()?.timeout, BUSY_TIMEOUT_MS);
});

Deno.test("store - a file store is WAL, keeps data and does not re-run migrations", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/nested/deeper/${DB_FILE}`;
    const first = Store.open(path);
    assertEquals(first.db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
    assertEquals(first.db.prepare("PRAGMA synchronous").get()?.synchronous, 1); // NORMAL
    insertTemplate(first, "t1", "small");
    const applied = migrations(first);
    first.close();
    assertEquals(Deno.statSync(`${dir}/nested/deeper`).mode! & 0o777, 0o700);

    using again = Store.open(path);
    assertEquals(migrations(again), applied);
    assertEquals(again.db.prepare("SELECT name FROM templates").all().map((r) => r.name), [
      "small",
    ]);
  });
});

Deno.test("store - openStore uses the data folder's file or memory without one", async () => {
  await withTempDir((dir) => {
    using onDisk = openStore(dir);
    assertEquals(onDisk.path, `${dir}/kvm-manager.db`);
    assert(Deno.statSync(`${dir}/kvm-manager.db`).isFile);
    using inMemory = openStore(null);
    assertEquals(inMemory.path, ":memory:");
  });
});

Deno.test("store - write commits on return and rolls back on throw", () => {
  using store = Store.open(":memory:");
  assertEquals(store.write(() => insertTemplate(store, "t1", "kept").changes), 1);
  const err = throwsError(() =>
    store.write(() => {
      insertTemplate(store, "t2", "dropped");
      throw new Error("boom");
    })
  );
  assertEquals(err.message, "boom");
  assertEquals(store.db.isTransaction, false);
  const names = store.db.prepare("SELECT name FROM templates").all().map((r) => r.name);
  assertEquals(names, ["kept"]);
});

Deno.test("store - a nested write joins the outer transaction", () => {
  using store = Store.open(":memory:");
  throwsError(() =>
    store.write(() => {
      store.write(() => insertTemplate(store, "t1", "inner"));
      throw new Error("outer fails");
    })
  );
  assertEquals(store.db.prepare("SELECT count(*) AS n FROM templates").get()?.n, 0);
});

Deno.test("store - write refuses an async function and rolls back", () => {
  using store = Store.open(":memory:");
  const err = throwsError(() =>
    store.write(() => {
      insertTemplate(store, "t1", "async");
      return Promise.resolve();
    })
  );
  assertMatch(err.message, /synchronous/);
  assertEquals(store.db.prepare("SELECT count(*) AS n FROM templates").get()?.n, 0);
});

Deno.test("store - close is idempotent and the db is gone afterwards", () => {
  const store = Store.open(":memory:");
  store.close();
  store.close();
  assertEquals(throwsError(() => store.db).message, "Database :memory: is closed");
});

Deno.test("store - a file that is not SQLite makes open fail naming the file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/garbage.db`;
    await Deno.writeFile(path, new TextEncoder().encode("not a database at all\n".repeat(400)));
    const err = throwsError(() => Store.open(path));
    assertMatch(err.message, new RegExp(`^Database ${path} is corrupt or not a SQLite database`));
  });
});

/**
 * A store file whose schema pages are intact but whose templates' b-tree pages (the file's last
 * quarter) are scribbled over: it opens, then fails the integrity check.
 */
async function writeDamagedStore(path: string): Promise<void> {
  const store = Store.open(path);
  store.db.exec("PRAGMA journal_mode = DELETE"); // everything in the main file
  store.write(() => {
    for (let i = 0; i < 2000; i++) insertTemplate(store, `id-${i}`, `name-${i}-${"x".repeat(50)}`);
  });
  store.close();
  // The schema grows with each migration: many rows keep it in the first pages.
  const bytes = await Deno.readFile(path);
  const from = Math.floor(bytes.length * 3 / 4 / 4096) * 4096;
  for (let i = from; i < bytes.length; i += 7) bytes[i] = 0xa5;
  await Deno.writeFile(path, bytes);
}

Deno.test("store - a damaged SQLite file fails the integrity check", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/damaged.db`;
    await writeDamagedStore(path);
    const err = throwsError(() => Store.open(path));
    assertMatch(err.message, new RegExp(`^Database ${path} failed its integrity check: `));
  });
});

Deno.test("store - a database from a newer build is refused", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/${DB_FILE}`;
    const store = Store.open(path);
    store.db.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(SCHEMA_VERSION + 1);
    store.close();
    const err = throwsError(() => Store.open(path));
    assert(err instanceof StoreTooNewError);
    assertEquals(
      err.message,
      `Database ${path} has schema version ${SCHEMA_VERSION + 1}, newer than this build knows ` +
        `(${SCHEMA_VERSION}, KVM Manager ${VERSION}); run a newer KVM Manager. Nothing was changed`,
    );
  });
});

Deno.test("store - a newer program's store names both versions and is left as it was", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/${DB_FILE}`;
    const newer = {
      ...APP_SCHEMA,
      migrations: [...APP_SCHEMA.migrations, "CREATE TABLE later (x)"],
    };
    {
      using store = Store.open(path, newer, { version: "9.9.9" });
      // A rollback journal file: what a refused open might write would show in the folder.
      store.db.exec("PRAGMA journal_mode = DELETE");
    }
    const before = await snapshotDir(dir);
    const err = throwsError(() => Store.open(path));
    assert(err instanceof StoreTooNewError);
    assertEquals(
      err.message,
      `Database ${path} was written by KVM Manager 9.9.9 (schema ${SCHEMA_VERSION + 1}), newer ` +
        `than this KVM Manager ${VERSION} (schema ${SCHEMA_VERSION} at most): run KVM Manager ` +
        `9.9.9 or newer. Nothing was changed`,
    );
    assertEquals(await snapshotDir(dir), before);
    // The program that wrote it opens it again.
    Store.open(path, newer, { version: "9.9.9" }).close();
  });
});

/** The bytes of every file in `dir` by name, to prove a refused store was left untouched. */
async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(dir)) {
    const bytes = await Deno.readFile(`${dir}/${entry.name}`);
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    files[entry.name] = Array.from(new Uint8Array(digest), (b) => b.toString(16)).join("");
  }
  return files;
}

Deno.test("store - openAppStore: a healthy file opens normally", async () => {
  await withTempDir((dir) => {
    const { store, degraded } = openAppStore(dir);
    using _ = store;
    assertEquals([store.path, degraded], [`${dir}/${DB_FILE}`, null]);
  });
});

Deno.test("store - openAppStore: a non-SQLite file degrades to memory and is left as it was", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/${DB_FILE}`, "not a database at all\n".repeat(400));
    const before = await snapshotDir(dir);
    const { store, degraded } = openAppStore(dir);
    using _ = store;
    assertEquals(store.path, ":memory:");
    assertMatch(degraded!, new RegExp(`^Database ${dir}/${DB_FILE} is corrupt or not a SQLite`));
    assertMatch(degraded!, /move it aside or restore a backup/);
    // The in-memory store is fully migrated and usable.
    insertTemplate(store, "t1", "works");
    assertEquals(await snapshotDir(dir), before);
  });
});

Deno.test("store - openAppStore: a newer build's file stops the start and is not converted or checkpointed", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/${DB_FILE}`;
    {
      using store = Store.open(path);
      insertTemplate(store, "t1", "kept");
      store.db.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(SCHEMA_VERSION + 1);
      // A rollback journal file: a read-write open would turn it into WAL.
      store.db.exec("PRAGMA journal_mode = DELETE");
    }
    const before = await snapshotDir(dir);
    const err = throwsError(() => openAppStore(dir));
    assert(err instanceof StoreTooNewError);
    assertMatch(err.message, /newer than this build knows .*run a newer KVM Manager/);
    assertEquals(await snapshotDir(dir), before);
  });
});

Deno.test("store - openAppStore: a damaged file degrades; an unusable folder too", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/${DB_FILE}`;
    await writeDamagedStore(path);
    const before = await snapshotDir(dir);
    const opened = openAppStore(dir);
    opened.store.close();
    assertMatch(
      opened.degraded!,
      /failed its integrity check: .*move it aside or restore a backup/,
    );
    assertEquals(await snapshotDir(dir), before);

    // A data folder that cannot be made (a file is in the way) degrades as well.
    const blocked = openAppStore(`${path}/sub`);
    blocked.store.close();
    assertEquals(blocked.store.path, ":memory:");
    assertMatch(blocked.degraded!, /move it aside or restore a backup/);
  });
});

Deno.test("store - a crashed writer's WAL is read back and passes the check", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/${DB_FILE}`;
    const store = Store.open(path);
    store.db.exec("PRAGMA wal_autocheckpoint = 0");
    store.write(() => insertTemplate(store, "t1", "in the wal"));
    // What a kill -9 leaves: the main file and its WAL, copied while the writer is still open.
    await Deno.mkdir(`${dir}/copy`);
    await Deno.copyFile(path, `${dir}/copy/${DB_FILE}`);
    await Deno.copyFile(`${path}-wal`, `${dir}/copy/${DB_FILE}-wal`);
    store.close();
    const { store: again, degraded } = openAppStore(`${dir}/copy`);
    using _ = again;
    assertEquals(degraded, null);
    assertEquals(again.db.prepare("SELECT name FROM templates").all().map((r) => r.name), [
      "in the wal",
    ]);
  });
});

/** Every entry under `dir` with its permission bits, sorted: "hosts/rack-2/metrics.db 600". */
function modesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(`${dir}/${prefix}`)) {
    const rel = `${prefix}${entry.name}`;
    out.push(`${rel} ${(Deno.statSync(`${dir}/${rel}`).mode! & 0o777).toString(8)}`);
    if (entry.isDirectory) out.push(...modesUnder(dir, `${rel}/`));
  }
  return out.sort();
}

Deno.test("store - a fresh data folder as the server fills it: every file 0600, every folder 0700", async () => {
  await withTempDir((dataDir) => {
    Deno.removeSync(dataDir); // the server makes it
    const umask = Deno.umask(0o022); // the usual umask, which leaves new files 0644
    try {
      // What main.ts opens, and what each remote host opens under DATA-DIR/hosts/ID.
      const app = openAppStore(dataDir).store;
      const history = MetricsHistory.open(dataDir, 5);
      const hostDir = `${dataDir}/hosts/rack-2`;
      const host = openAppStore(hostDir).store;
      const hostHistory = MetricsHistory.open(hostDir, 5);
      insertTemplate(app, "t1", "small"); // WAL and SHM in use
      insertTemplate(host, "t1", "small");
      const files = modesUnder(dataDir);
      for (const name of [DB_FILE, "metrics.db"]) {
        for (const dir of ["", "hosts/rack-2/"]) {
          for (const suffix of ["", "-wal", "-shm"]) {
            assert(
              files.includes(`${dir}${name}${suffix} 600`),
              `${dir}${name}${suffix}: ${files}`,
            );
          }
        }
      }
      assertEquals(files.filter((f) => !f.endsWith(" 600") && !f.endsWith(" 700")), []);
      assertEquals(files.filter((f) => f.startsWith("hosts ") || f === "hosts/rack-2 700"), [
        "hosts 700",
        "hosts/rack-2 700",
      ]);
      assertEquals(Deno.statSync(dataDir).mode! & 0o777, 0o700);
      for (const closable of [app, history, host, hostHistory]) closable.close();
    } finally {
      Deno.umask(umask);
    }
  });
});

Deno.test("store - an existing database, WAL and SHM readable by others are tightened to 0600 at open", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/${DB_FILE}`;
    using first = Store.open(path);
    insertTemplate(first, "t1", "small"); // the -wal and -shm stay while a connection is open
    for (const suffix of ["", "-wal", "-shm"]) Deno.chmodSync(`${path}${suffix}`, 0o644);
    using second = Store.open(path);
    assertEquals(second.db.prepare("SELECT count(*) AS n FROM templates").get()?.n, 1);
    for (const suffix of ["", "-wal", "-shm"]) {
      assertEquals(Deno.statSync(`${path}${suffix}`).mode! & 0o777, 0o600, suffix);
    }
  });
});
