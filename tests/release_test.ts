// The release (scripts/release.ts): `deno task release` builds with no network; its one file,
// copied alone into an empty folder, unpacks itself, checks what it unpacked, and serves signed-in
// API calls on the demo driver in a network namespace with nothing but loopback; its Debian
// package passes lintian, installs, serves the same way from /usr/bin, and remove keeps the data
// that purge removes; the next version's package over it keeps every kind of data (a backup's
// record made on the real libvirtd among them). Needs root (unshare, nsenter, accounts, dpkg),
// util-linux, iproute2, curl, lintian and libvirtd: a missing one fails, never skips.

import { basename, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { accountName, withHostAccounts } from "./support/host_account.ts";
import { run, startInNamespace } from "./support/namespace_server.ts";
import { pathWithoutNode } from "./support/path_without_node.ts";
import { agentFileName, releaseFileName } from "../scripts/release.ts";
import { agentDebFileName } from "../scripts/release/agent_deb.ts";
import { AgentClient } from "../lib/guest/agent_client.ts";
import {
  defineAgentGuest,
  KVMM_AGENT_CHANNEL,
  pingedAgent,
  waitForAgentGuestReady,
  waitForChannelState,
} from "./support/agent_guest.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  virsh,
} from "./support/guest.ts";
import {
  BK_POOL,
  cleanupBackupTests,
  ensureBackupPool,
  PREFIX as BACKUP_PREFIX,
} from "./support/guest_shell.ts";
import { debFileName } from "../scripts/release/deb.ts";
import { BED_PACKAGES, debianRoot, factsOf, inRoot, lineOf } from "./support/debian_root.ts";
import { RELEASE, releaseBuilt, sha256 } from "./support/release_build.ts";
import { VERSION } from "../lib/version.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/**
 * One offline build for this file's tests. The upgrade test's build of the next version runs
 * beside it: each is mostly gzip on one core, and this machine has two, so the second build
 * costs little wall time. Its failure is reported by the upgrade test, which awaits it.
 */
let building: Promise<string> | undefined;
const built = () =>
  building ??= (async () => {
    const [file] = await Promise.all([releaseBuilt(), Promise.allSettled([nextBuilt()])]);
    return file;
  })();

/** Where the next version is copied and built; removed by the upgrade test, else on unload. */
let nextTop: string | undefined;
let buildingNext: Promise<string> | undefined;
const nextBuilt = () =>
  buildingNext ??= (async () => {
    nextTop = await Deno.makeTempDir({ prefix: "kvmm-test-upgrade-next-" });
    return await buildNext(nextTop);
  })();
globalThis.addEventListener("unload", () => {
  if (nextTop) Deno.removeSync(nextTop, { recursive: true });
});

/** Whether systemd runs this machine (what the packages' scripts check). */
function systemdRuns(): boolean {
  try {
    return Deno.statSync("/run/systemd/system").isDirectory;
  } catch {
    return false;
  }
}

/** A bare environment: only PATH, an empty HOME and TMPDIR, and where to unpack. */
function bareEnv(home: string, runtime: string): Record<string, string> {
  return {
    PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    HOME: home,
    TMPDIR: home,
    KVMM_RUNTIME_DIR: runtime,
  };
}

Deno.test("release - built offline, the one file unpacks once, repairs its folder and serves with no network", async () => {
  const file0 = await built();
  const size = (await Deno.stat(file0)).size;
  assert(size <= 50 * 1024 * 1024, `the one file is ${size} bytes, more than 50 MiB`);

  const top = await Deno.makeTempDir({ prefix: "kvmm-test-release-" });
  try {
    const folder = join(top, "empty"), home = join(top, "home"), runtime = join(top, "runtime");
    await Deno.mkdir(folder);
    await Deno.mkdir(home);
    const file = join(folder, releaseFileName());
    await Deno.copyFile(file0, file);
    await Deno.chmod(file, 0o755);
    const env = bareEnv(home, runtime);

    const first = await run(file, ["--version"], { env, cwd: folder });
    assertEquals(first.code, 0, first.stderr);
    assertMatch(
      first.stdout,
      new RegExp(`^kvm-manager ${VERSION.replaceAll(".", "\\.")} \\(commit [0-9a-f]+\\)`),
    );
    assertMatch(first.stderr, /^kvm-manager: unpacking \S+ into \S+\n$/, "one line, no more");
    const [unpacked] = [...Deno.readDirSync(runtime)].filter((e) => /-[0-9a-f]{16}$/.test(e.name))
      .map((e) => join(runtime, e.name));
    assert(unpacked.includes(`${VERSION}-`), unpacked);

    const second = await run(file, ["--version"], { env, cwd: folder });
    assertEquals(second.code, 0, second.stderr);
    assertEquals(second.stderr, "", "a later start does not unpack again");

    // On a host without Node.js, Deno makes a `node` link in its cache: the cache is beside the
    // folder, never in it, so later starts find the folder intact and say nothing.
    const bare = { ...env, PATH: await pathWithoutNode(join(top, "bin")) };
    const caches: number[] = [];
    for (const start of ["first", "later"]) {
      const noNode = await run(file, ["--version"], { env: bare, cwd: folder });
      assertEquals([noNode.code, noNode.stderr], [0, ""], `the ${start} start without Node.js`);
      caches.push((await Deno.stat(`${unpacked}.deno`)).ino!);
    }
    assertEquals(caches[0], caches[1], "Deno's cache is kept between starts, not made again");
    assert(
      (await Deno.lstat(`${unpacked}.deno/node_compat_bin/node`)).isSymlink,
      "Deno made its node link (else this step proves nothing)",
    );
    assertEquals(
      [...Deno.readDirSync(runtime)].map((e) => e.name).sort(),
      [basename(unpacked), `${basename(unpacked)}.deno`, `${basename(unpacked)}.files`],
      "the folder, Deno's cache beside it and the folder's notes",
    );
    // A cache another user owns is never used: set aside and made again, silently.
    await run("chown", ["-R", "65534:65534", `${unpacked}.deno`]);
    const recached = await run(file, ["--version"], { env, cwd: folder });
    assertEquals([recached.code, recached.stderr], [0, ""], "a start over a foreign cache");
    assertEquals((await Deno.stat(`${unpacked}.deno`)).uid, Deno.uid());

    // A damaged file and a missing one: unpacked again, never run.
    const css = join(unpacked, "static", "app.css");
    const good = await Deno.readTextFile(css);
    await Deno.writeTextFile(css, "body{}", { append: true });
    await Deno.remove(join(unpacked, "dist", "pam-worker.js"));
    const repaired = await run(file, ["--version"], { env, cwd: folder });
    assertEquals(repaired.code, 0, repaired.stderr);
    assertMatch(repaired.stderr, /damaged or partial: unpacking again/);
    assertEquals(await Deno.readTextFile(css), good);
    assert((await Deno.stat(join(unpacked, "dist", "pam-worker.js"))).isFile);

    // Three first starts at once: each runs, and one intact folder is left.
    const raceEnv = { ...env, KVMM_RUNTIME_DIR: join(top, "race") };
    const starts = await Promise.all(
      [1, 2, 3].map(() => run(file, ["--version"], { env: raceEnv, cwd: folder })),
    );
    for (const start of starts) assertEquals(start.code, 0, start.stderr);
    const left = [...Deno.readDirSync(join(top, "race"))].map((e) => e.name);
    assertEquals(
      left.filter((name) => /-[0-9a-f]{16}$/.test(name)).length,
      1,
      `one folder: ${left.join()}`,
    );
    assertEquals(left.filter((name) => name.startsWith(".")), [], "no partial folder is left");
    const again = await run(file, ["--version"], { env: raceEnv, cwd: folder });
    assertEquals([again.code, again.stderr], [0, ""], "the folder left is intact");

    // A runtime folder others may write is refused; an unpacked folder another user owns is
    // never run: it is unpacked again, as this user's.
    const shared = join(top, "shared");
    await Deno.mkdir(shared);
    await Deno.chmod(shared, 0o777);
    const open = await run(file, ["--version"], {
      env: { ...env, KVMM_RUNTIME_DIR: shared },
      cwd: folder,
    });
    assertEquals(open.code, 1, open.stdout);
    assertMatch(open.stderr, /belongs to another user or others may write it/);
    const nobody = 65534;
    await run("chown", ["-R", `${nobody}:${nobody}`, unpacked]);
    const foreign = await run(file, ["--version"], { env, cwd: folder });
    assertEquals(foreign.code, 0, foreign.stderr);
    assertMatch(foreign.stderr, /damaged or partial: unpacking again/);
    assertEquals((await Deno.stat(unpacked)).uid, Deno.uid());

    // The unit install-service writes runs the one file itself.
    const unit = await run(file, ["install-service", "--print", "--connect", "test:///default"], {
      env,
      cwd: folder,
    });
    assertEquals(unit.code, 0, unit.stderr);
    assertMatch(unit.stdout, new RegExp(`^ExecStart=${file} serve `, "m"));

    await serveOffline(file, env, folder, join(top, "data"));
    await refusesNewerStore(file, env, folder, join(top, "data"));
  } finally {
    await Deno.remove(top, { recursive: true });
  }
});

/**
 * A store a newer KVM Manager took to a later schema stops this one's start, naming both
 * versions, and is left as it was.
 */
async function refusesNewerStore(
  file: string,
  env: Record<string, string>,
  cwd: string,
  data: string,
) {
  const path = join(data, "kvm-manager.db");
  {
    const db = new DatabaseSync(path);
    const schema = Number(db.prepare("SELECT max(version) AS v FROM schema_migrations").get()!.v);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(schema + 1);
    db.prepare("INSERT INTO program_versions VALUES ('99.0.0', ?, 0)").run(schema + 1);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
  }
  const before = await sha256(path);
  const refused = await run(file, [
    "serve",
    "--connect",
    "test:///default",
    "--no-tls",
    "--data-dir",
    data,
  ], {
    env,
    cwd,
  });
  assertEquals(refused.code, 1, refused.stdout + refused.stderr);
  assertMatch(
    refused.stderr,
    new RegExp(
      `written by KVM Manager 99\\.0\\.0 .*this KVM Manager ${VERSION.replaceAll(".", "\\.")}`,
    ),
  );
  assertEquals(await sha256(path), before);
}

/** Serves the demo driver in a namespace with only loopback; a signed-in admin lists the VMs. */
async function serveOffline(file: string, env: Record<string, string>, cwd: string, data: string) {
  const group = accountName("kvmmrel");
  const user = accountName("kvmmrel");
  await withHostAccounts([group], { [user]: [group] }, async (made) => {
    const server = await startInNamespace([
      file,
      "serve",
      "--connect",
      "test:///default",
      "--no-tls",
      "--listen",
      "127.0.0.1:8420",
      "--data-dir",
      data,
      "--admin-group",
      group,
    ], { env, cwd, scratch: join(data, "..") });
    try {
      const routes = await run("nsenter", ["-t", String(server.pid), "-n", "ip", "route"]);
      assertEquals(routes.stdout.trim(), "", "the namespace has no route anywhere");
      const page = await server.curl([`${server.base}/`]);
      assertMatch(page.stdout, /<title>[^<]*KVM Manager<\/title>/);
      // German is a chunk of the split server bundle, loaded by the first request that asks.
      const german = await server.curl(["-H", "Accept-Language: de", `${server.base}/login`]);
      assertMatch(german.stdout, /lang="de"[\s\S]*Anmelden/);
      const session = await server.signIn(user, made[user].password);
      assertEquals(session.role, "admin");
      const vms = await server.request("GET", "/api/vms", { session });
      assertEquals(vms.status, 200, vms.text);
      const list = Array.isArray(vms.body) ? vms.body : vms.body.vms;
      const names = list.map((vm: { name: string }) => vm.name);
      assert(names.includes("test"), `GET /api/vms on test:///default: ${names}`);
      const version = await server.request("GET", "/api/version", { session });
      assertEquals(version.body.version, VERSION);
    } finally {
      await server.stop();
    }
  });
}

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

Deno.test("release - the Debian package: lintian clean, installs, serves from /usr/bin, remove keeps the data, purge removes it", async () => {
  await built();
  const deb = join(RELEASE, debFileName(VERSION));
  // Someone's own install or data is never replaced or removed: the test fails instead.
  const before = await run("dpkg-query", ["-W", "-f=${Status}", "kvm-manager"]);
  assert(
    !/installed|config-files/.test(before.stdout),
    `kvm-manager is already on this host (${before.stdout}): the package test would replace it`,
  );
  assert(
    !await exists("/var/lib/kvm-manager"),
    "/var/lib/kvm-manager exists: the package test would purge someone's data",
  );
  const groups = ["kvm-manager-operators", "kvm-manager-viewers"];
  const hadGroup = new Map<string, boolean>();
  for (const group of groups) {
    hadGroup.set(group, (await run("getent", ["group", group])).code === 0);
  }

  const lintian = await run("lintian", ["--tag-display-limit", "0", deb]);
  const tags = lintian.stdout.split("\n").filter((line) => /^[EW]: /.test(line));
  assertEquals(tags, [], `lintian:\n${lintian.stdout}${lintian.stderr}`);

  const top = await Deno.makeTempDir({ prefix: "kvmm-test-deb-" });
  let installed = false;
  let madeFolder = false;
  try {
    const install = await run("dpkg", ["-i", deb]);
    installed = true;
    assertEquals(install.code, 0, `dpkg -i:\n${install.stdout}${install.stderr}`);
    // Where systemd does not run (here, and in most containers), the install says how to start.
    assertEquals(
      install.stdout.includes("systemd does not run here: start the server yourself"),
      !systemdRuns(),
      install.stdout,
    );
    const home = join(top, "home");
    await Deno.mkdir(home);
    const env = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", HOME: home, TMPDIR: home };
    const version = await run("/usr/bin/kvm-manager", ["--version"], { env });
    assertMatch(version.stdout, new RegExp(`^kvm-manager ${VERSION.replaceAll(".", "\\.")} `));
    assertEquals((await Deno.stat("/var/lib/kvm-manager")).mode! & 0o777, 0o700);
    for (const group of groups) assertEquals((await run("getent", ["group", group])).code, 0);
    const unit = await Deno.readTextFile("/usr/lib/systemd/system/kvm-manager.service");
    assertMatch(unit, /^ExecStart=\/usr\/bin\/kvm-manager serve$/m);
    const conffiles = await run("dpkg-query", ["-W", "-f=${Conffiles}", "kvm-manager"]);
    assertMatch(conffiles.stdout, /\/etc\/kvm-manager\/config\.json/);
    assertMatch(conffiles.stdout, /\/etc\/pam\.d\/kvm-manager/);
    // The Pacemaker resource agent, where Pacemaker looks for ocf:kvm-manager:server.
    const agent = "/usr/lib/ocf/resource.d/kvm-manager/server";
    assertEquals((await Deno.stat(agent)).mode! & 0o777, 0o755);
    const meta = await run(agent, ["meta-data"], { env });
    assertEquals(meta.code, 0, meta.stderr);
    assertMatch(meta.stdout, /<resource-agent name="server"/);
    assertMatch(meta.stdout, /<parameter name="data_dir" unique="1" required="1">/);
    const unset = await run(agent, ["validate-all"], { env });
    assertEquals(unset.code, 6, "validate-all without data_dir and listen: OCF_ERR_CONFIGURED");

    await serveOffline("/usr/bin/kvm-manager", env, top, join(top, "data"));

    // Remove keeps the data and the admin's settings; purge takes both, and the groups it made.
    await Deno.writeTextFile("/var/lib/kvm-manager/kept", "data");
    const remove = await run("dpkg", ["-r", "kvm-manager"]);
    assertEquals(remove.code, 0, remove.stderr);
    assert(!await exists("/usr/bin/kvm-manager"), "remove takes the program");
    assert(!await exists(agent), "remove takes the resource agent");
    assertEquals(await Deno.readTextFile("/var/lib/kvm-manager/kept"), "data");
    assert(await exists("/etc/kvm-manager/config.json"), "remove keeps the config file");
    const purge = await run("dpkg", ["-P", "kvm-manager"]);
    assertEquals(purge.code, 0, purge.stderr);
    installed = false;
    assert(!await exists("/var/lib/kvm-manager"), "purge removes the data folder");
    assert(!await exists("/etc/kvm-manager/config.json"), "purge removes the config file");
    for (const group of groups) {
      if (!hadGroup.get(group)) {
        assertEquals((await run("getent", ["group", group])).code, 2, `purge removes ${group}`);
      }
    }

    // A data folder that was there before the package (a one-file install's) outlives purge.
    await Deno.mkdir("/var/lib/kvm-manager", { mode: 0o700 });
    madeFolder = true;
    await Deno.writeTextFile("/var/lib/kvm-manager/kvm-manager.db", "not the package's");
    const again = await run("dpkg", ["-i", deb]);
    installed = true;
    assertEquals(again.code, 0, again.stderr);
    const purgeAgain = await run("dpkg", ["-P", "kvm-manager"]);
    assertEquals(purgeAgain.code, 0, purgeAgain.stderr);
    installed = false;
    assertEquals(
      await Deno.readTextFile("/var/lib/kvm-manager/kvm-manager.db"),
      "not the package's",
      "purge keeps a data folder the package did not make",
    );
  } finally {
    if (installed) await run("dpkg", ["-P", "kvm-manager"]);
    if (madeFolder) await Deno.remove("/var/lib/kvm-manager", { recursive: true }).catch(() => {});
    await Deno.remove(top, { recursive: true });
  }
});

/** This version with its last number raised: the "next release" the upgrade test builds. */
const NEXT = VERSION.replace(/(\d+)$/, (n) => String(Number(n) + 1));

/**
 * Builds the next release's package from a copy of these sources (the files git tracks) with
 * NEXT as its version and one migration more, offline; returns the .deb's path.
 */
async function buildNext(top: string): Promise<string> {
  const src = join(top, "next");
  await Deno.mkdir(src);
  const copy = await run("sh", [
    "-c",
    'git -C "$1" ls-files -z | tar --null -C "$1" -T - -cf - | tar -C "$2" -xf -',
    "sh",
    ROOT,
    src,
  ]);
  assertEquals(copy.code, 0, copy.stderr);
  await Deno.symlink(join(ROOT, "node_modules"), join(src, "node_modules"));
  const denoJson = join(src, "deno.json");
  const config = await Deno.readTextFile(denoJson);
  assert(config.includes(`"version": "${VERSION}"`), "deno.json names the version");
  await Deno.writeTextFile(
    denoJson,
    config.replace(`"version": "${VERSION}"`, `"version": "${NEXT}"`),
  );
  const store = join(src, "lib", "store.ts");
  const schema = "{ migrations: APP_MIGRATIONS, quickCheck: true }";
  const code = await Deno.readTextFile(store);
  assert(code.includes(schema), "lib/store.ts declares APP_SCHEMA as the test expects");
  await Deno.writeTextFile(
    store,
    code.replace(
      schema,
      '{ migrations: [...APP_MIGRATIONS, "CREATE TABLE upgrade_probe (x)"], quickCheck: true }',
    ),
  );
  const built = await run("unshare", ["-n", Deno.execPath(), "task", "release"], { cwd: src });
  assertEquals(built.code, 0, `the next release failed to build:\n${built.stdout}${built.stderr}`);
  return join(src, "dist", "release", debFileName(NEXT));
}

/** How many raw metric samples the package's metrics history holds from before `until` (ms). */
function rawSamples(until: number): number {
  const db = new DatabaseSync("/var/lib/kvm-manager/metrics.db", { readOnly: true });
  try {
    // ts is in seconds.
    const before = Math.floor(until / 1000);
    return Number(db.prepare("SELECT count(*) AS n FROM samples_raw WHERE ts <= ?").get(before)!.n);
  } catch {
    return 0; // not made yet
  } finally {
    db.close();
  }
}

/** Reads the data folder's store directly: its schema and who opened it. */
function storeFacts(path: string): { schema: number; versions: string[]; probe: boolean } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const schema = Number(db.prepare("SELECT max(version) AS v FROM schema_migrations").get()!.v);
    const versions = db.prepare("SELECT version FROM program_versions ORDER BY version").all()
      .map((row) => String(row.version));
    const probe = !!db.prepare(
      "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'upgrade_probe'",
    ).get();
    return { schema, versions, probe };
  } finally {
    db.close();
  }
}

Deno.test("release - upgrade: the next version's package over this one keeps every kind of data; this one then refuses the newer store", async () => {
  const file = await built();
  const deb = join(RELEASE, debFileName(VERSION));
  const before = await run("dpkg-query", ["-W", "-f=${Status}", "kvm-manager"]);
  assert(
    !/installed|config-files/.test(before.stdout),
    `kvm-manager is already on this host (${before.stdout}): the upgrade test would replace it`,
  );
  assert(
    !await exists("/var/lib/kvm-manager"),
    "/var/lib/kvm-manager exists: the upgrade test would purge someone's data",
  );
  // The real libvirtd, so that a backup's record can be made: a stopped test guest is copied
  // into a test backup pool (the demo driver makes no backups).
  await assertLibvirtReachable();
  await cleanupBackupTests();
  const top = await Deno.makeTempDir({ prefix: "kvmm-test-upgrade-" });
  let installed = false;
  try {
    await ensureBackupPool();
    const guest = await defineTestGuest(`${BACKUP_PREFIX}upgrade`);
    const next = await nextBuilt();
    const home = join(top, "home");
    await Deno.mkdir(home);
    const env = bareEnv(home, join(top, "runtime"));
    const group = accountName("kvmmupg");
    const admin = accountName("kvmmupg");
    const viewer = accountName("kvmmupg");
    await withHostAccounts([group], { [admin]: [group], [viewer]: [] }, async (made) => {
      const serve = () =>
        startInNamespace([
          "/usr/bin/kvm-manager",
          "serve",
          "--connect",
          "qemu:///system",
          "--no-tls",
          "--listen",
          "127.0.0.1:8420",
          "--stats-interval",
          "1",
          "--admin-group",
          group,
        ], { env, cwd: top, scratch: top });

      // Version N: data of every kind, made through the API.
      const install = await run("dpkg", ["-i", deb]);
      installed = true;
      assertEquals(install.code, 0, install.stdout + install.stderr);
      let server = await serve();
      let made1: { token: string; vm: string; minute: number; backup: string };
      try {
        const session = await server.signIn(admin, made[admin].password);
        const vm = (await server.request("GET", "/api/vms", { session })).body
          .find((v: { name: string }) => v.name === guest.name).id;
        const post = async (path: string, body: unknown, method = "POST") => {
          const answer = await server.request(method, path, { session, body });
          assert(answer.status < 300, `${method} ${path}: ${answer.status} ${answer.text}`);
          return answer.body;
        };
        const token = (await post("/api/tokens", { name: "upgrade-token", role: "viewer" })).secret;
        assert(typeof token === "string" && token.length > 10, "a token secret");
        await post(`/api/users/${viewer}`, { role: "viewer", vms: "*" }, "PUT");
        const config = {
          name: "upgrade-vm",
          cpuCount: 1,
          memoryMb: 512,
          diskSizeGb: 5,
          osType: "linux",
          network: "default",
          diskFormat: "qcow2",
          bootMenu: false,
        };
        await post("/api/templates", { name: "upgrade-template", config });
        await post("/api/schedules", {
          name: "upgrade-job",
          operation: "start",
          vmIds: [vm],
          timing: { kind: "daily", time: "09:00" },
          timezone: "UTC",
        });
        const alert = { name: "upgrade-cpu", metric: "cpu", threshold: 90 };
        await post("/api/profiles", { name: "upgrade-profile", alerts: [alert] });
        await post("/api/alerts/rules", alert);
        // The collector reads every second: wait for samples in the history.
        let samples = 0;
        for (let i = 0; i < 60 && samples === 0; i++) {
          await new Promise((r) => setTimeout(r, 500));
          samples = rawSamples(Date.now());
        }
        assert(samples > 0, "the metrics history has samples before the upgrade");
        await post("/api/backups/settings", { pool: BK_POOL }, "PUT");
        const backup = (await post(`/api/vms/${vm}/backups`, {})).id;
        let status = "running";
        for (let i = 0; i < 120 && status === "running"; i++) {
          await new Promise((r) => setTimeout(r, 500));
          const answer = await server.request("GET", `/api/backups/${backup}`, { session });
          status = answer.body?.status;
        }
        assertEquals(status, "succeeded", "the stopped guest's backup (a copy) finished");
        made1 = { token, vm, minute: Date.now(), backup };
      } finally {
        await server.stop();
      }
      const n = storeFacts("/var/lib/kvm-manager/kvm-manager.db");
      assertEquals(n.versions, [VERSION]);
      const samplesBefore = rawSamples(made1.minute);

      // Version N+1 over it.
      const upgrade = await run("dpkg", ["-i", next]);
      assertEquals(upgrade.code, 0, upgrade.stdout + upgrade.stderr);
      assertEquals(
        upgrade.stdout.includes(
          `systemd does not run here: a server you started still runs ${VERSION};`,
        ),
        !systemdRuns(),
        upgrade.stdout,
      );
      const version = await run("/usr/bin/kvm-manager", ["--version"], { env });
      assertMatch(version.stdout, new RegExp(`^kvm-manager ${NEXT.replaceAll(".", "\\.")} `));
      // The unit runs /usr/bin/kvm-manager, now N+1 (postinst restarts it where systemd runs).
      const unit = await Deno.readTextFile("/usr/lib/systemd/system/kvm-manager.service");
      assertMatch(unit, /^ExecStart=\/usr\/bin\/kvm-manager serve$/m);
      server = await serve();
      try {
        const session = await server.signIn(admin, made[admin].password);
        const names = async (path: string) => {
          const answer = await server.request("GET", path, { session });
          assertEquals(answer.status, 200, `${path}: ${answer.text}`);
          const list = Array.isArray(answer.body) ? answer.body : Object.values(answer.body)
            .find(Array.isArray) as unknown[];
          return (list as { name?: string; user?: string }[]).map((x) => x.name ?? x.user);
        };
        assert((await names("/api/templates")).includes("upgrade-template"), "template kept");
        assert((await names("/api/schedules")).includes("upgrade-job"), "schedule kept");
        assert((await names("/api/profiles")).includes("upgrade-profile"), "profile kept");
        assert((await names("/api/alerts/rules")).includes("upgrade-cpu"), "alert rule kept");
        assert((await names("/api/tokens")).includes("upgrade-token"), "token kept");
        const users = await server.request("GET", "/api/users", { session });
        assertMatch(users.text, new RegExp(`"${viewer}"`), "the viewer's role is kept");
        const backup = await server.request("GET", `/api/backups/${made1.backup}`, { session });
        assertEquals([backup.status, backup.body?.status], [200, "succeeded"], "backup kept");
        const byToken = await server.request("GET", "/api/vms", { token: made1.token });
        assertEquals(byToken.status, 200, `the token still works: ${byToken.text}`);
      } finally {
        await server.stop();
      }
      assertEquals(rawSamples(made1.minute), samplesBefore, "metric samples are kept");
      const n1 = storeFacts("/var/lib/kvm-manager/kvm-manager.db");
      assertEquals([n1.schema, n1.probe], [n.schema + 1, true], "the store is at N+1's schema");
      assertEquals(n1.versions, [VERSION, NEXT].sort());

      // Version N again (its one file): refused, naming both, the store unchanged.
      const db = "/var/lib/kvm-manager/kvm-manager.db";
      const sum = await sha256(db);
      const refused = await run(file, [
        "serve",
        "--connect",
        "test:///default",
        "--no-tls",
        "--data-dir",
        "/var/lib/kvm-manager",
      ], { env, cwd: top });
      assertEquals(refused.code, 1, refused.stdout + refused.stderr);
      assertMatch(
        refused.stderr,
        new RegExp(
          `written by KVM Manager ${NEXT.replaceAll(".", "\\.")} .*this KVM Manager ${
            VERSION.replaceAll(".", "\\.")
          }`,
        ),
      );
      assertEquals(await sha256(db), sum);
    });
    const purge = await run("dpkg", ["-P", "kvm-manager"]);
    assertEquals(purge.code, 0, purge.stderr);
    installed = false;
  } finally {
    if (installed) await run("dpkg", ["-P", "kvm-manager"]);
    await cleanupBackupTests();
    await Deno.remove(top, { recursive: true });
    if (nextTop) await Deno.remove(nextTop, { recursive: true });
    nextTop = undefined;
  }
});

Deno.test("release - the guest agent: its package is lintian clean and its files answer over virtio-serial in a real guest; its one file runs", async () => {
  await built();
  const deb = join(RELEASE, agentDebFileName(VERSION));
  const lintian = await run("lintian", ["--tag-display-limit", "0", deb]);
  const tags = lintian.stdout.split("\n").filter((line) => /^[EW]: /.test(line));
  assertEquals(tags, [], `lintian:\n${lintian.stdout}${lintian.stderr}`);

  const top = await Deno.makeTempDir({ prefix: "kvmm-test-agent-release-" });
  const prefix = "kvmm-test-agentdeb-";
  let agent: AgentClient | null = null;
  try {
    // The one file, alone in an empty folder.
    const home = join(top, "home");
    await Deno.mkdir(home);
    const file = join(top, agentFileName());
    await Deno.copyFile(join(RELEASE, agentFileName()), file);
    await Deno.chmod(file, 0o755);
    const version = await run(file, ["--version"], {
      env: bareEnv(home, join(top, "runtime")),
      cwd: top,
    });
    assertEquals(version.code, 0, version.stderr);
    assertMatch(version.stdout, new RegExp(`^kvmm-agent ${VERSION.replaceAll(".", "\\.")} `));

    // The package's files, as dpkg would lay them out.
    const root = join(top, "root");
    const unpacked = await run("dpkg-deb", ["-x", deb, root]);
    assertEquals(unpacked.code, 0, unpacked.stderr);
    const unit = await Deno.readTextFile(join(root, "usr/lib/systemd/system/kvmm-agent.service"));
    assertMatch(
      unit,
      /^ExecStart=\/usr\/lib\/kvm-manager-agent\/deno run .* \/usr\/lib\/kvm-manager-agent\/kvmm-agent\.js --config \/etc\/kvmm-agent\/config\.json$/m,
    );
    const rule = await Deno.readTextFile(join(root, "usr/lib/udev/rules.d/60-kvmm-agent.rules"));
    assertMatch(
      rule,
      /ATTR\{name\}=="org\.kvmmanager\.agent\.0".*SYSTEMD_WANTS\}\+="kvmm-agent\.service"/,
    );
    const packaged = join(root, "usr/lib/kvm-manager-agent");
    // The guest image carries this tree's Deno, the same binary the package carries.
    assertEquals(
      await sha256(join(packaged, "deno")),
      await sha256(await Deno.realPath(join(ROOT, "node_modules/.bin/deno"))),
    );

    // The packaged bundle in a real TCG guest answers the server's agent client.
    await assertLibvirtReachable();
    await cleanupGuestsNamed(prefix);
    const name = `${prefix}1`;
    await defineAgentGuest(name, { agentBundle: join(packaged, "kvmm-agent.js"), prefix });
    await virsh("start", name);
    await waitForAgentGuestReady(name);
    await waitForChannelState(name, KVMM_AGENT_CHANNEL, "connected", 60_000);
    agent = await pingedAgent(name);
    const info = await agent.call("get_agent_info", {}, 10_000);
    assertEquals(info.agent_version, VERSION, "the agent is the release's version");
  } finally {
    agent?.close();
    await cleanupGuestsNamed(prefix);
    await Deno.remove(top, { recursive: true });
  }
});

// Inside the root, as root (the runtime goes to /var/lib/kvm-manager/runtime): each fact on a
// line of its own, `name=value`, for the test to read.
const MINIMAL_ROOT_SCRIPT = `
set -u
f=$1
tool() { command -v "$1" >/dev/null && echo yes || echo no; }
echo "node=$(tool node) npm=$(tool npm) chromium=$(tool chromium) libvirtd=$(tool libvirtd)"
echo "debian=$(cat /etc/debian_version)"
"$f" --version >/tmp/out1 2>/tmp/err1; echo "code1=$?"
echo "version1=$(cat /tmp/out1)"
echo "stderr1=$(cat /tmp/err1)"
dir=$(ls -d /var/lib/kvm-manager/runtime/*-???????????????? | head -n 1)
echo "inode1=$(stat -c %i "$dir")"
"$f" --version >/tmp/out2 2>/tmp/err2; echo "code2=$?"
echo "stderr2=[$(cat /tmp/err2)]"
echo "inode2=$(stat -c %i "$dir")"
echo "mode=$(stat -c %a /var/lib/kvm-manager)"
dpkg --purge --force-depends libvirt0 >/dev/null 2>&1; echo "purged=$?"
"$f" serve >/tmp/out3 2>/tmp/err3; echo "code3=$?"
echo "stdout3=[$(cat /tmp/out3)]"
echo "stderr3=[$(cat /tmp/err3)]"
`;

Deno.test("release - the one file in minimal Debian 12 and 13 roots (libvirt0 and libpam0g, no Node, npm or Chromium): a later start unpacks nothing and says nothing; without libvirt0, one line and status 1", async () => {
  const file = await built();
  for (const [suite, major] of [["bookworm", "12"], ["trixie", "13"]]) {
    const root = await debianRoot(suite, { include: "libvirt0" });
    const out = await inRoot(root, MINIMAL_ROOT_SCRIPT, [file], RELEASE);
    assertEquals(out.code, 0, `${suite}: ${out.stderr}`);
    const facts = factsOf(out.stdout);
    const line = (name: string) => lineOf(out.stdout, name);
    const where = `Debian ${major} (${suite}):\n${out.stdout}\n${out.stderr}`;
    assertEquals(
      [facts.node, facts.npm, facts.chromium, facts.libvirtd],
      ["no", "no", "no", "no"],
      `a minimal root: ${where}`,
    );
    assert(facts.debian.startsWith(major), where);
    assertEquals([facts.code1, facts.code2], ["0", "0"], where);
    assertMatch(
      line("version1") ?? "",
      new RegExp(`^kvm-manager ${VERSION.replaceAll(".", "\\.")} `),
    );
    assertMatch(
      line("stderr1") ?? "",
      /^kvm-manager: unpacking \S+ into \/var\/lib\/kvm-manager\//,
    );
    assertEquals(line("stderr2"), "[]", `a later start says nothing: ${where}`);
    assertEquals(facts.inode1, facts.inode2, `a later start does not unpack again: ${where}`);
    assertEquals(facts.mode, "700", `the data folder is private: ${where}`);
    assertEquals(facts.purged, "0", where);
    assertEquals(
      [facts.code3, line("stdout3"), line("stderr3")],
      [
        "1",
        "[]",
        "[kvm-manager: Cannot load libvirt.so.0: install Debian's libvirt0 package (apt-get install libvirt0)]",
      ],
      `without libvirt0: ${where}`,
    );
  }
});

Deno.test("release - both Debian packages are lintian clean on Debian 13 too (its own lintian, in a Debian 13 root)", async () => {
  await built();
  const root = await debianRoot("trixie", { apt: BED_PACKAGES });
  const out = await inRoot(
    root,
    `cd "$1" && lintian --version && lintian --tag-display-limit 0 "$2" "$3"`,
    [RELEASE, debFileName(VERSION), agentDebFileName(VERSION)],
    RELEASE,
  );
  assertMatch(out.stdout, /^Lintian v2\.1[2-9]/, `Debian 13's lintian: ${out.stdout}${out.stderr}`);
  const tags = out.stdout.split("\n").filter((line) => /^[EW]: /.test(line));
  assertEquals(tags, [], `lintian on Debian 13:\n${out.stdout}${out.stderr}`);
});
