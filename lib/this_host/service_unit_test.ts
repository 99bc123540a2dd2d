import { assert, assertEquals, assertMatch, assertRejects } from "../../tests/support/assert.ts";
import {
  InstallError,
  installService,
  PAM_FILE,
  quoteWord,
  SERVER_DENO_FLAGS,
  serviceUnit,
  UNIT_PATH,
} from "./service_unit.ts";
import { withTempDir } from "../../tests/support/temp_dir.ts";
import { MAIN, runProgram } from "../../tests/harness/program.ts";

const inTempDir = (fn: (dir: string) => Promise<void>) => withTempDir("kvmm-unit-", fn);

/** `deno run -A main.ts ARGS` (the harness's runProgram): exit code and output. */
const cli = (...args: string[]) => runProgram(args);

const execStart = (unit: string) => unit.split("\n").find((l) => l.startsWith("ExecStart="));

Deno.test("service unit - words are escaped per systemd.syntax", () => {
  const q = (w: string) => quoteWord(w, { dollars: true });
  assertEquals(q("/usr/bin/kvm-manager"), "/usr/bin/kvm-manager");
  assertEquals(q("--listen=0.0.0.0:8443"), "--listen=0.0.0.0:8443");
  assertEquals(q("50%"), "50%%");
  assertEquals(q("$HOME"), '"$$HOME"');
  assertEquals(quoteWord("a$b", { dollars: false }), '"a$b"');
  assertEquals(q("/srv/my pools"), '"/srv/my pools"');
  assertEquals(q('say "hi" \\ bye'), '"say \\"hi\\" \\\\ bye"');
  assertEquals(q("two\nlines\ttab\x01"), '"two\\nlines\\ttab\\x01"');
  assertEquals(q(""), '""');
  assertEquals(q(";"), "\\;");
  assertEquals(q("it's"), `"it's"`);
});

Deno.test("service unit - runs serve, restarts on failure, after libvirtd, modest hardening", () => {
  const unit = serviceUnit({
    execStart: ["/opt/kvm manager/kvm-manager", "serve", "--data-dir", "/var/lib/kvm-manager"],
    environment: { KVMM_STATS_INTERVAL: "10", LIBVIRT_DEFAULT_URI: "qemu:///system?x=%1" },
  });
  assertEquals(
    execStart(unit),
    'ExecStart="/opt/kvm manager/kvm-manager" serve --data-dir /var/lib/kvm-manager',
  );
  for (
    const line of [
      "Restart=on-failure",
      "After=network-online.target libvirtd.service libvirtd.socket",
      "StateDirectory=kvm-manager",
      "NoNewPrivileges=yes",
      "ProtectSystem=full",
      "PrivateTmp=yes",
      "WantedBy=multi-user.target",
      "Environment=KVMM_STATS_INTERVAL=10",
      'Environment="LIBVIRT_DEFAULT_URI=qemu:///system?x=%%1"',
    ]
  ) {
    assert(unit.split("\n").includes(line), `missing ${line}`);
  }
  assert(!/ProtectHome|PrivateDevices|User=/.test(unit.replace(/^#.*$/gm, "")));
});

Deno.test("service unit - install under another root writes the unit 0644 and the PAM file only", async () => {
  await inTempDir(async (root) => {
    await Deno.mkdir(`${root}/etc/pam.d`, { recursive: true });
    await Deno.writeTextFile(`${root}/etc/pam.d/common-auth`, "");
    const calls: string[][] = [];
    const done = await installService({
      unit: "UNIT\n",
      pamService: "kvm-manager",
      root,
      systemctl: (args) => {
        calls.push(args);
        return Promise.resolve({ success: true, output: "" });
      },
    });
    assertEquals(await Deno.readTextFile(`${root}${UNIT_PATH}`), "UNIT\n");
    assertEquals((await Deno.stat(`${root}${UNIT_PATH}`)).mode! & 0o777, 0o644);
    assertEquals(await Deno.readTextFile(`${root}/etc/pam.d/kvm-manager`), PAM_FILE);
    assertEquals(calls, [], "systemctl is not run for another root");
    assertEquals(done, [
      `Wrote ${root}${UNIT_PATH}`,
      `Wrote ${root}/etc/pam.d/kvm-manager`,
      `Not running systemctl: files were written under ${root}`,
    ]);
    // An existing PAM file is the admin's: kept as it is.
    await Deno.writeTextFile(`${root}/etc/pam.d/kvm-manager`, "custom\n");
    await installService({ unit: "UNIT 2\n", pamService: "kvm-manager", root });
    assertEquals(await Deno.readTextFile(`${root}/etc/pam.d/kvm-manager`), "custom\n");
    assertEquals(await Deno.readTextFile(`${root}${UNIT_PATH}`), "UNIT 2\n");
  });
});

Deno.test("service unit - enabling needs root and systemd, checked before writing anything", async () => {
  await inTempDir(async (root) => {
    const calls: string[][] = [];
    const systemctl = (args: string[]) => {
      calls.push(args);
      return Promise.resolve({ success: true, output: "" });
    };
    const base = { unit: "", pamService: "kvm-manager", root, enable: true, systemctl };
    const notRoot = await assertRejects(
      () => installService({ ...base, isRoot: false, systemdRunning: () => true }),
      InstallError,
    );
    assertMatch(notRoot.message, /must run as root/);
    const noSystemd = await assertRejects(
      () => installService({ ...base, isRoot: true, systemdRunning: () => false }),
      InstallError,
    );
    assertMatch(noSystemd.message, /systemd is not running on this machine/);
    assertEquals(calls, []);
    assertEquals([...Deno.readDirSync(root)], [], "nothing written");
  });
});

Deno.test("service unit - enabling runs daemon-reload then enable --now; a failure says why", async () => {
  await inTempDir(async (root) => {
    const calls: string[][] = [];
    const base = { unit: "U", pamService: "kvm-manager", root, enable: true, isRoot: true };
    const done = await installService({
      ...base,
      systemdRunning: () => true,
      systemctl: (args) => {
        calls.push(args);
        return Promise.resolve({ success: true, output: "" });
      },
    });
    assertEquals(calls, [["daemon-reload"], ["enable", "--now", "kvm-manager.service"]]);
    assertEquals(done.slice(-2), [
      "Ran systemctl daemon-reload",
      "Ran systemctl enable --now kvm-manager.service",
    ]);
    const err = await assertRejects(
      () =>
        installService({
          ...base,
          systemdRunning: () => true,
          systemctl: (args) =>
            Promise.resolve({ success: args[0] !== "enable", output: "Unit is masked.\n" }),
        }),
      InstallError,
    );
    assertEquals(err.message, "systemctl enable --now kvm-manager.service failed: Unit is masked.");
  });
});

Deno.test("service unit - CLI: --print shows the unit for this program and changes nothing", async () => {
  const { code, stdout } = await cli(
    "install-service",
    "--print",
    "--connect",
    "test:///default",
    "--data-dir",
    "rel/data",
    "--listen=0.0.0.0:8443",
  );
  assertEquals(code, 0);
  assertEquals(
    execStart(stdout),
    `ExecStart=${Deno.execPath()} run -A --v8-flags=--max-semi-space-size=1 --unstable-net ${MAIN} serve ` +
      "--connect test:///default " +
      `--data-dir ${Deno.cwd()}/rel/data --listen 0.0.0.0:8443`,
  );
});

Deno.test("service unit - CLI: exit 2 for bad flags, 0 for --help", async () => {
  const bad = await cli("install-service", "--bogus");
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /bogus/);
  const noTls = await cli("install-service", "--print", "--no-tls", "--listen", "0.0.0.0:80");
  assertEquals(noTls.code, 2);
  assertMatch(noTls.stderr, /--no-tls is refused when listening on 0\.0\.0\.0/);
  const help = await cli("install-service", "--help");
  assertEquals(help.code, 0);
  assertMatch(help.stdout, /^Usage: kvm-manager install-service \[--print\]/);
  const serveHelp = await cli("serve", "--help");
  assertEquals(serveHelp.code, 0);
  assertMatch(serveHelp.stdout, /--tls-cert FILE/);
  assertEquals((await cli("frobnicate")).code, 2);
});

Deno.test("service unit - CLI: --root writes the files under a folder", async () => {
  await inTempDir(async (root) => {
    const { code, stdout } = await cli(
      "install-service",
      "--root",
      root,
      "--pam-service",
      "kvmm-t",
    );
    assertEquals(code, 0, stdout);
    assertMatch(
      await Deno.readTextFile(`${root}${UNIT_PATH}`),
      /^ExecStart=.* serve --pam-service kvmm-t/m,
    );
    assertEquals(await Deno.readTextFile(`${root}/etc/pam.d/kvmm-t`), PAM_FILE);
  });
});

const systemdRunning = (() => {
  try {
    return Deno.statSync("/run/systemd/system").isDirectory;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "service unit - CLI: without systemd, install-service exits 1 and says so",
  // On a systemd machine this would really install the service: only where there is none.
  ignore: systemdRunning,
  fn: async () => {
    const { code, stderr } = await cli("install-service");
    assertEquals(code, 1);
    assertMatch(stderr, /systemd is not running on this machine/);
    let written = true;
    try {
      Deno.statSync(UNIT_PATH);
    } catch {
      written = false;
    }
    assertEquals(written, false);
  },
});

Deno.test("service unit - every way of starting the server passes the same Deno flags", async () => {
  const root = new URL("../../", import.meta.url);
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))).tasks;
  for (const task of ["start", "dev"]) {
    assert(
      tasks[task].includes(`${SERVER_DENO_FLAGS.join(" ")} `),
      `deno task ${task}: ${tasks[task]}`,
    );
  }
  const startSh = await Deno.readTextFile(new URL("scripts/start.sh", root));
  assertMatch(
    startSh,
    new RegExp(`exec "\\$deno" run -A ${SERVER_DENO_FLAGS.join(" ")} dist/server\\.js serve`),
  );
});
