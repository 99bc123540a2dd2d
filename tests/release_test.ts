// The release (scripts/release.ts): `deno task release` builds with no network; its one file,
// copied alone into an empty folder, unpacks itself, checks what it unpacked, and serves signed-in
// API calls on the demo driver in a network namespace with nothing but loopback; its Debian
// package passes lintian, installs, serves the same way from /usr/bin, and remove keeps the data
// that purge removes. Needs root (unshare, nsenter, accounts, dpkg), util-linux, iproute2, curl
// and lintian: a missing one fails, never skips.

import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { accountName, withHostAccounts } from "./support/host_account.ts";
import { untilListening } from "./support/server_process.ts";
import { releaseFileName } from "../scripts/release.ts";
import { debFileName } from "../scripts/release/deb.ts";
import { VERSION } from "../lib/version.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const RELEASE = join(ROOT, "dist", "release");
const text = new TextDecoder();

async function run(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    env: opts.env,
    clearEnv: opts.env !== undefined,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

async function sha256(path: string): Promise<string> {
  const r = await run("sha256sum", [path]);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.split(" ")[0];
}

/** Builds the release inside a network namespace of its own, where nothing can be reached. */
async function buildOffline(): Promise<string> {
  for (const tool of ["unshare", "nsenter", "ip", "curl", "sha256sum", "gzip", "tar"]) {
    const found = await run("sh", ["-c", `command -v ${tool}`]);
    assertEquals(found.code, 0, `the release test needs \`${tool}\``);
  }
  const built = await run("unshare", [
    "-n",
    "sh",
    "-c",
    // Prove the namespace is offline before building in it.
    'if ip route get 1.1.1.1 >/dev/null 2>&1; then echo "network reachable" >&2; exit 9; fi; exec "$@"',
    "sh",
    Deno.execPath(),
    "task",
    "release",
  ], { cwd: ROOT });
  assertEquals(
    built.code,
    0,
    `deno task release failed offline:\n${built.stdout}\n${built.stderr}`,
  );
  const file = join(RELEASE, releaseFileName());
  const deb = join(RELEASE, debFileName(VERSION));
  const sums = await Deno.readTextFile(join(RELEASE, "SHA256SUMS"));
  assertEquals(
    sums,
    `${await sha256(file)}  ${releaseFileName()}\n${await sha256(deb)}  ${debFileName(VERSION)}\n`,
  );
  return file;
}

/** One offline build for this file's tests. */
let building: Promise<string> | undefined;
const built = () => building ??= buildOffline();

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
    assertMatch(first.stderr, /unpacking/);
    const [unpacked] = [...Deno.readDirSync(runtime)].map((e) => join(runtime, e.name));
    assert(unpacked.includes(`${VERSION}-`), unpacked);

    const second = await run(file, ["--version"], { env, cwd: folder });
    assertEquals(second.code, 0, second.stderr);
    assertEquals(second.stderr, "", "a later start does not unpack again");

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
    const port = 8420;
    const child = new Deno.Command("unshare", {
      args: [
        "-n",
        "sh",
        "-c",
        'ip link set lo up && exec "$@"',
        "sh",
        file,
        "serve",
        "--connect",
        "test:///default",
        "--no-tls",
        "--listen",
        `127.0.0.1:${port}`,
        "--data-dir",
        data,
        "--admin-group",
        group,
      ],
      env,
      clearEnv: true,
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    try {
      await untilListening(child, stderr, 60_000);
      const inside = (args: string[]) =>
        run("nsenter", ["-t", String(child.pid), "-n", "curl", "-s", "--max-time", "10", ...args]);
      const routes = await run("nsenter", ["-t", String(child.pid), "-n", "ip", "route"]);
      assertEquals(routes.stdout.trim(), "", "the namespace has no route anywhere");
      const base = `http://127.0.0.1:${port}`;
      const page = await inside(["-w", "\n%{http_code}", `${base}/`]);
      assertMatch(page.stdout, /<title>[^<]*KVM Manager<\/title>/);
      const jar = join(data, "..", "cookies");
      const login = await inside([
        "-c",
        jar,
        "-H",
        "content-type: application/json",
        "-H",
        `origin: ${base}`,
        "-d",
        JSON.stringify({ user, password: made[user].password }),
        `${base}/api/auth/login`,
      ]);
      assertMatch(login.stdout, /"role":"admin"/);
      const vms = await inside(["-b", jar, "-w", "\n%{http_code}", `${base}/api/vms`]);
      const cut = vms.stdout.lastIndexOf("\n");
      assertEquals(vms.stdout.slice(cut + 1), "200", vms.stdout);
      const list = JSON.parse(vms.stdout.slice(0, cut));
      const names = (Array.isArray(list) ? list : list.vms).map((vm: { name: string }) => vm.name);
      assert(names.includes("test"), `GET /api/vms on test:///default: ${names}`);
      const version = await inside(["-b", jar, `${base}/api/version`]);
      assertEquals(JSON.parse(version.stdout).version, VERSION);
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await stderr;
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
  try {
    const install = await run("dpkg", ["-i", deb]);
    installed = true;
    assertEquals(install.code, 0, `dpkg -i:\n${install.stdout}${install.stderr}`);
    const home = join(top, "home");
    await Deno.mkdir(home);
    const env = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", HOME: home, TMPDIR: home };
    const version = await run("/usr/bin/kvm-manager", ["--version"], { env });
    assertMatch(version.stdout, new RegExp(`^kvm-manager ${VERSION.replaceAll(".", "\\.")} `));
    assertEquals((await Deno.stat("/var/lib/kvm-manager")).mode! & 0o777, 0o700);
    for (const group of groups) assertEquals((await run("getent", ["group", group])).code, 0);
    const unit = await Deno.readTextFile("/lib/systemd/system/kvm-manager.service");
    assertMatch(unit, /^ExecStart=\/usr\/bin\/kvm-manager serve$/m);
    const conffiles = await run("dpkg-query", ["-W", "-f=${Conffiles}", "kvm-manager"]);
    assertMatch(conffiles.stdout, /\/etc\/kvm-manager\/config\.json/);
    assertMatch(conffiles.stdout, /\/etc\/pam\.d\/kvm-manager/);

    await serveOffline("/usr/bin/kvm-manager", env, top, join(top, "data"));

    // Remove keeps the data and the admin's settings; purge takes both, and the groups it made.
    await Deno.writeTextFile("/var/lib/kvm-manager/kept", "data");
    const remove = await run("dpkg", ["-r", "kvm-manager"]);
    assertEquals(remove.code, 0, remove.stderr);
    assert(!await exists("/usr/bin/kvm-manager"), "remove takes the program");
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
  } finally {
    if (installed) await run("dpkg", ["-P", "kvm-manager"]);
    await Deno.remove(top, { recursive: true });
  }
});
