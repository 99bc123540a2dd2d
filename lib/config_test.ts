import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import {
  absoluteServeArgs,
  ConfigError,
  DEFAULT_AUTH,
  type Environment,
  isLoopback,
  parseListen,
  parseServeArgs,
  resolveUri,
} from "./config.ts";

/** An environment of `vars`, and `files` (path → text) that exist. */
const env = (
  vars: Record<string, string>,
  files: string[] | Record<string, string> = [],
  isRoot = false,
): Environment => {
  const texts: Record<string, string> = Array.isArray(files)
    ? Object.fromEntries(files.map((f) => [f, ""]))
    : files;
  return {
    get: (n) => vars[n],
    exists: (p) => Object.hasOwn(texts, p),
    readText: (p) => {
      if (!Object.hasOwn(texts, p)) throw new Deno.errors.NotFound(`No such file: ${p}`);
      return texts[p];
    },
    cwd: () => "/home/a/work",
    isRoot,
  };
};

const withFile = (json: unknown, vars: Record<string, string> = {}) =>
  env({ HOME: "/home/a", ...vars }, { "/etc/kvm-manager/config.json": JSON.stringify(json) });

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("config - URI order: --connect, LIBVIRT_DEFAULT_URI, system socket, demo", () => {
  const all = env({ LIBVIRT_DEFAULT_URI: "qemu:///session" }, ["/run/libvirt/libvirt-sock"]);
  assertEquals(resolveUri("qemu+ssh://h/system", all).uri, "qemu+ssh://h/system");
  assertEquals(resolveUri(undefined, all), {
    uri: "qemu:///session",
    uriSource: "env",
    demo: false,
  });
  assertEquals(
    resolveUri(undefined, env({}, ["/run/libvirt/libvirt-sock"])),
    { uri: "qemu:///system", uriSource: "system", demo: false },
  );
  // Only libvirt's modular daemons (virtqemud, no libvirtd): the system libvirt all the same.
  assertEquals(
    resolveUri(undefined, env({}, ["/run/libvirt/virtqemud-sock"])),
    { uri: "qemu:///system", uriSource: "system", demo: false },
  );
  assertEquals(resolveUri(undefined, env({})), {
    uri: "test:///default",
    uriSource: "demo",
    demo: true,
  });
});

Deno.test("config - listen defaults to loopback; other addresses are allowed with TLS", () => {
  const plain = parseServeArgs([], env({ HOME: "/home/a" }));
  assertEquals(plain.listen, { hostname: "127.0.0.1", port: 8420 });
  assertEquals(plain.tls, { mode: "auto" });
  assertEquals(parseListen("[::1]:9000"), { hostname: "::1", port: 9000 });
  assertEquals(parseListen("localhost:80"), { hostname: "localhost", port: 80 });
  assertEquals(parseListen("0.0.0.0:8420"), { hostname: "0.0.0.0", port: 8420 });
  assertEquals(parseListen("[::]:443"), { hostname: "::", port: 443 });
  assertMatch(configError(() => parseListen("8420")), /expected HOST:PORT/);
  assertMatch(configError(() => parseListen("127.0.0.1:99999")), /must be 0-65535/);
  assertEquals(parseServeArgs(["--listen", "0.0.0.0:443"], env({})).tls, { mode: "auto" });
});

Deno.test("config - isLoopback: localhost, 127/8 and ::1 only", () => {
  for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "LOCALHOST"]) {
    assertEquals(isLoopback(h), true, h);
  }
  for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.org", "128.0.0.1", "localhost.evil"]) {
    assertEquals(isLoopback(h), false, h);
  }
});

Deno.test("config - data dir per user, per host for root; unknown flags refused", () => {
  assertEquals(
    parseServeArgs([], env({ HOME: "/home/a" })).dataDir,
    "/home/a/.local/share/kvm-manager",
  );
  assertEquals(parseServeArgs([], env({}, [], true)).dataDir, "/var/lib/kvm-manager");
  assertEquals(parseServeArgs(["--data-dir", "/tmp/x"], env({})).dataDir, "/tmp/x");
  assertEquals(parseServeArgs(["--data-dir", "data"], env({})).dataDir, "/home/a/work/data");
  assertMatch(configError(() => parseServeArgs(["--bogus"], env({}))), /bogus/);
});

Deno.test("config - TLS: cert and key together, --no-tls only on loopback", () => {
  assertEquals(
    parseServeArgs(["--tls-cert", "/etc/c.pem", "--tls-key", "k.pem"], env({})).tls,
    { mode: "files", certFile: "/etc/c.pem", keyFile: "/home/a/work/k.pem" },
  );
  assertMatch(
    configError(() => parseServeArgs(["--tls-cert", "/c.pem"], env({}))),
    /--tls-cert needs --tls-key too/,
  );
  assertMatch(
    configError(() => parseServeArgs(["--tls-key", "/k.pem"], env({}))),
    /--tls-key needs --tls-cert too/,
  );
  assertEquals(parseServeArgs(["--no-tls"], env({})).tls, { mode: "off" });
  assertEquals(
    parseServeArgs(["--no-tls", "--listen", "[::1]:8000"], env({})).tls,
    { mode: "off" },
  );
  assertMatch(
    configError(() => parseServeArgs(["--no-tls", "--listen", "0.0.0.0:8420"], env({}))),
    /--no-tls is refused when listening on 0\.0\.0\.0: passwords and session cookies/,
  );
  assertMatch(
    configError(() => parseServeArgs(["--no-tls", "--tls-cert", "/c", "--tls-key", "/k"], env({}))),
    /--no-tls contradicts --tls-cert/,
  );
});

Deno.test("config - login: PAM service, groups (repeatable), idle minutes 5-1440", () => {
  assertEquals(parseServeArgs([], env({})).auth, DEFAULT_AUTH);
  const auth = parseServeArgs([
    "--pam-service",
    "login",
    "--admin-group",
    "wheel",
    "--admin-group",
    "sudo",
    "--operator-group",
    "ops",
    "--viewer-group",
    "staff",
    "--session-idle",
    "120",
  ], env({})).auth;
  assertEquals(auth, {
    pamService: "login",
    adminGroups: ["wheel", "sudo"],
    operatorGroups: ["ops"],
    viewerGroups: ["staff"],
    sessionIdleMinutes: 120,
    trustedProxies: [],
  });
  for (const bad of ["4", "1441", "30.5", "ten"]) {
    assertMatch(
      configError(() => parseServeArgs(["--session-idle", bad], env({}))),
      /Invalid --session-idle .*: expected whole minutes from 5 to 1440/,
    );
  }
  assertMatch(
    configError(() => parseServeArgs(["--pam-service", "../shadow"], env({}))),
    /Invalid --pam-service "\.\.\/shadow": not a PAM service name/,
  );
  assertMatch(
    configError(() => parseServeArgs(["--admin-group", "a b"], env({}))),
    /Invalid --admin-group "a b": not a group name/,
  );
});

Deno.test("config - the config file fills in what flags and variables leave unset", () => {
  const file = {
    listen: "0.0.0.0:8443",
    connect: "qemu:///system",
    dataDir: "/srv/kvmm",
    storageRoots: ["/srv/pools/"],
    statsInterval: 10,
    tlsCert: "/etc/kvm-manager/cert.pem",
    tlsKey: "/etc/kvm-manager/key.pem",
    pamService: "login",
    adminGroups: [],
    operatorGroups: ["ops"],
    viewerGroups: ["staff", "audit"],
    sessionIdleMinutes: 60,
    trustedProxies: ["10.0.0.1"],
  };
  assertEquals(parseServeArgs([], withFile(file)), {
    uri: "qemu:///system",
    uriSource: "file",
    demo: false,
    listen: { hostname: "0.0.0.0", port: 8443 },
    dataDir: "/srv/kvmm",
    storageRoots: ["/srv/pools"],
    statsInterval: 10,
    tls: {
      mode: "files",
      certFile: "/etc/kvm-manager/cert.pem",
      keyFile: "/etc/kvm-manager/key.pem",
    },
    auth: {
      pamService: "login",
      adminGroups: [],
      operatorGroups: ["ops"],
      viewerGroups: ["staff", "audit"],
      sessionIdleMinutes: 60,
      trustedProxies: ["10.0.0.1"],
    },
  });
  assertEquals(parseServeArgs([], withFile({ tls: false, listen: "127.0.0.1:1" })).tls, {
    mode: "off",
  });
  assertEquals(parseServeArgs([], withFile({ tls: true })).tls, { mode: "auto" });
  assertMatch(
    configError(() => parseServeArgs([], withFile({ tls: false, listen: "[::]:80" }))),
    /"tls" in \/etc\/kvm-manager\/config\.json is refused when listening on ::/,
  );
});

Deno.test("config - precedence: flag over environment over file over defaults", () => {
  const file = {
    listen: "127.0.0.1:1001",
    connect: "qemu:///file",
    dataDir: "/file",
    statsInterval: 11,
    tlsCert: "/file.crt",
    tlsKey: "/file.key",
    storageRoots: ["/file-root"],
    sessionIdleMinutes: 45,
  };
  const vars = {
    KVMM_LISTEN: "127.0.0.1:1002",
    LIBVIRT_DEFAULT_URI: "qemu:///env",
    KVMM_DATA_DIR: "/env",
    KVMM_STATS_INTERVAL: "12",
    KVMM_TLS_CERT: "/env.crt",
    KVMM_TLS_KEY: "/env.key",
    KVMM_STORAGE_ROOTS: "/env-root:/env-root2",
  };
  const fromEnv = parseServeArgs([], withFile(file, vars));
  assertEquals(
    [fromEnv.listen.port, fromEnv.uri, fromEnv.dataDir, fromEnv.statsInterval],
    [1002, "qemu:///env", "/env", 12],
  );
  assertEquals(fromEnv.tls, { mode: "files", certFile: "/env.crt", keyFile: "/env.key" });
  assertEquals(fromEnv.storageRoots, ["/env-root", "/env-root2"]);
  assertEquals(fromEnv.auth?.sessionIdleMinutes, 45);

  const fromFlags = parseServeArgs([
    "--listen=127.0.0.1:1003",
    "-c",
    "qemu:///flag",
    "--data-dir",
    "/flag",
    "--stats-interval",
    "13",
    "--no-tls",
    "--storage-root",
    "/flag-root",
    "--session-idle",
    "15",
  ], withFile(file, vars));
  assertEquals(
    [fromFlags.listen.port, fromFlags.uri, fromFlags.dataDir, fromFlags.statsInterval],
    [1003, "qemu:///flag", "/flag", 13],
  );
  assertEquals(fromFlags.tls, { mode: "off" });
  assertEquals(fromFlags.storageRoots, ["/flag-root"]);
  assertEquals(fromFlags.auth?.sessionIdleMinutes, 15);
});

Deno.test("config - --config, then KVMM_CONFIG, then /etc/kvm-manager/config.json when present", () => {
  const files = {
    "/etc/kvm-manager/config.json": JSON.stringify({ statsInterval: 7 }),
    "/home/a/work/mine.json": JSON.stringify({ statsInterval: 8 }),
    "/opt/env.json": JSON.stringify({ statsInterval: 9 }),
  };
  assertEquals(parseServeArgs([], env({}, files)).statsInterval, 7);
  assertEquals(parseServeArgs([], env({ KVMM_CONFIG: "/opt/env.json" }, files)).statsInterval, 9);
  assertEquals(
    parseServeArgs(["--config", "mine.json"], env({ KVMM_CONFIG: "/opt/env.json" }, files))
      .statsInterval,
    8,
  );
  // No file at all is fine; a named file that is missing is not.
  assertEquals(parseServeArgs([], env({})).statsInterval, 5);
  assertMatch(
    configError(() => parseServeArgs(["--config", "/nope.json"], env({}, files))),
    /^Cannot read config file \/nope\.json: No such file/,
  );
});

Deno.test("config - a config file with unknown keys, wrong types or bad JSON is refused", () => {
  const cases: [unknown, RegExp][] = [
    [{ listen: "127.0.0.1:1", lsiten: "x" }, /unknown key "lsiten" \(known: listen, connect/],
    [{ statsInterval: "10" }, /"statsInterval" must be a number/],
    [{ adminGroups: "wheel" }, /"adminGroups" must be an array of strings/],
    [{ adminGroups: ["ok", 3] }, /"adminGroups" must be an array of strings/],
    [{ tls: "off" }, /"tls" must be true or false/],
    [{ dataDir: "relative/dir" }, /"dataDir" must be an absolute path/],
    [{ tlsCert: "/c.pem" }, /"tlsCert" in \/etc\/kvm-manager\/config\.json needs "tlsKey"/],
    [{ statsInterval: 2.5 }, /Invalid "statsInterval" in \/etc\/.*"2\.5": expected whole seconds/],
    [{ sessionIdleMinutes: 2 }, /Invalid "sessionIdleMinutes" in .*: expected whole minutes/],
    [{ listen: "nowhere" }, /Invalid "listen" in \/etc\/kvm-manager\/config\.json "nowhere"/],
    [["listen"], /must hold a JSON object/],
  ];
  for (const [json, expected] of cases) {
    const message = configError(() => parseServeArgs([], withFile(json)));
    assertMatch(message, expected);
    assertMatch(message, /\/etc\/kvm-manager\/config\.json/);
  }
  const broken = env({}, { "/etc/kvm-manager/config.json": "{ listen: 1 " });
  assertMatch(
    configError(() => parseServeArgs([], broken)),
    /^Config file \/etc\/kvm-manager\/config\.json is not valid JSON: /,
  );
});

Deno.test("config - absoluteServeArgs: long flags, relative paths made absolute", () => {
  assertEquals(
    absoluteServeArgs([
      "-c",
      "qemu:///system",
      "--data-dir=data",
      "--tls-cert",
      "c.pem",
      "--tls-key",
      "/k.pem",
      "--no-tls",
      "--admin-group",
      "wheel",
      "--config",
      "../conf.json",
    ], "/home/a/work"),
    [
      "--connect",
      "qemu:///system",
      "--data-dir",
      "/home/a/work/data",
      "--tls-cert",
      "/home/a/work/c.pem",
      "--tls-key",
      "/k.pem",
      "--no-tls",
      "--admin-group",
      "wheel",
      "--config",
      "/home/a/conf.json",
    ],
  );
});

Deno.test("config - trusted proxies: flag (repeatable, comma-separated) > KVMM_TRUSTED_PROXY > file; addresses only", () => {
  assertEquals(parseServeArgs([], env({})).auth?.trustedProxies, []);
  assertEquals(
    parseServeArgs(["--trusted-proxy", "10.0.0.1,10.0.0.2", "--trusted-proxy", "::1"], env({}))
      .auth?.trustedProxies,
    ["10.0.0.1", "10.0.0.2", "::1"],
  );
  const vars = { KVMM_TRUSTED_PROXY: "192.168.1.1, FE80::1" };
  assertEquals(
    parseServeArgs([], withFile({ trustedProxies: ["10.1.1.1"] }, vars)).auth
      ?.trustedProxies,
    ["192.168.1.1", "fe80::1"],
  );
  assertEquals(
    parseServeArgs([], withFile({ trustedProxies: ["10.1.1.1"] })).auth?.trustedProxies,
    ["10.1.1.1"],
  );
  for (const bad of ["proxy.example", "10.0.0.0/8", "300.1.1.1"]) {
    assertMatch(
      configError(() => parseServeArgs(["--trusted-proxy", bad], env({}))),
      /Invalid --trusted-proxy ".*": expected an IP address/,
    );
  }
  assertMatch(
    configError(() => parseServeArgs([], env({ KVMM_TRUSTED_PROXY: "x" }))),
    /Invalid KVMM_TRUSTED_PROXY "x"/,
  );
  assertEquals(
    absoluteServeArgs(["--trusted-proxy", "10.0.0.1"], "/"),
    ["--trusted-proxy", "10.0.0.1"],
    "install-service passes it on",
  );
});
