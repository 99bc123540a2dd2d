// Tests for cloud-init seeds: validation words, generated documents, hostile input, the ISO.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { buildSeedIso, cloudInitFiles } from "./seed.ts";
import { validateCloudInit } from "../../shared/cloud_init.ts";
import type { CloudInitConfig } from "../../shared/vms.ts";

const ED =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4 me@host";
const ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=";
const SK = "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t yubikey";
const HASH = "$6$rounds=5000$saltsalt$Yx0p7Qm1w2e3r4t5y6u7i8o9p0aSdFgHjKlZxCvBnM/.QwErTy";
const opts = { vmName: "web1", instanceId: "iid-0123" };

const messages = (ci: CloudInitConfig) =>
  validateCloudInit(ci).map((i) => `${i.field}: ${i.message}`);

/** The document after the "#cloud-config" line, which is written as JSON (valid YAML). */
function body(userData: string): unknown {
  const [first, ...rest] = userData.split("\n");
  assertEquals(first, "#cloud-config");
  return JSON.parse(rest.join("\n"));
}

Deno.test("cloud_init - a full config and an empty one are valid", () => {
  assertEquals(validateCloudInit({}), []);
  assertEquals(
    validateCloudInit({
      hostname: "web-1.example.com",
      user: "deploy",
      passwordHash: HASH,
      sshKeys: [ED, ECDSA, SK],
    }),
    [],
  );
  assertEquals(validateCloudInit({ userData: "#cloud-config\n{}" }), []);
  assertEquals(
    validateCloudInit({ hostname: "", user: "", passwordHash: "", sshKeys: [], userData: "" }),
    [],
  );
});

Deno.test("cloud_init - hostname follows RFC 1123", () => {
  for (
    const ok of [
      "a",
      "web-1",
      "a.b.c",
      "x".repeat(63),
      `${"x".repeat(63)}.`.repeat(3) + "x".repeat(61),
    ]
  ) {
    assertEquals(messages({ hostname: ok }), [], ok);
  }
  const hostile = 'x"\n- evil: $(reboot)';
  for (
    const bad of [
      "-web",
      "web-",
      "a..b",
      "a_b",
      "a b",
      "x".repeat(64),
      "web.",
      hostile,
      "x.".repeat(126) + "xx",
    ]
  ) {
    assertEquals(messages({ hostname: bad }), [`cloudInit.hostname: Invalid hostname: ${bad}`]);
  }
});

Deno.test("cloud_init - user names are lowercase and not root", () => {
  for (const ok of ["deploy", "_svc", "deploy-1", "a".repeat(32)]) {
    assertEquals(messages({ user: ok }), []);
  }
  for (const bad of ["root", "Admin", "1abc", "a b", "a".repeat(33), "x:y", "é"]) {
    assertEquals(messages({ user: bad }), [
      `cloudInit.user: Invalid user name: ${bad} (lowercase letters, digits, - and _, up to 32 characters)`,
    ]);
  }
});

Deno.test("cloud_init - password hashes must be crypt(3) hashes and need a user", () => {
  const words =
    'cloudInit.passwordHash: Invalid password hash: give a crypt(3) hash such as the output of "mkpasswd -m sha-512", never a clear-text password';
  for (
    const ok of [
      HASH,
      "$y$j9T$abc$def",
      "$2b$12$abcdefghij",
      "$2y$10$x",
      "$1$ab$cd",
      "$5$ab$cd",
      "$gy$j$a$b",
      "$7$CU..$x",
    ]
  ) {
    assertEquals(messages({ user: "deploy", passwordHash: ok }), [], ok);
  }
  for (
    const bad of ["hunter2", "$6$salt$has space", "$6$a:b", "$6$abc\n", "$3$abc", "$6$", "6$abc"]
  ) {
    assertEquals(messages({ user: "deploy", passwordHash: bad }), [words], bad);
  }
  assertEquals(messages({ passwordHash: HASH }), [
    "cloudInit.passwordHash: A password hash needs a user",
  ]);
  assertEquals(messages({ passwordHash: "hunter2" }), [
    words,
    "cloudInit.passwordHash: A password hash needs a user",
  ]);
});

Deno.test("cloud_init - SSH keys are single OpenSSH public key lines", () => {
  assertEquals(messages({ sshKeys: [ED, ECDSA, SK, "ssh-rsa AAAAB3NzaC1yc2E=", `${ED}\r\n`] }), []);
  const bad = [
    "ssh-ed25519",
    "rsa AAAAB3NzaC1yc2E=",
    `${ED}\nssh-rsa AAAA`,
    "ssh-ed25519 AAAA!! comment",
    "ecdsa-sha2-nistp999 AAAA",
    "",
  ];
  assertEquals(
    messages({ sshKeys: [ED, ...bad] }),
    bad.map((k, i) => `cloudInit.sshKeys: Invalid SSH public key #${i + 2}: ${k.slice(0, 30)}…`),
  );
  assertEquals(messages({ sshKeys: "ssh-rsa AAAA" as unknown as string[] }), [
    "cloudInit.sshKeys: SSH keys must be a list of public keys",
  ]);
});

Deno.test("cloud_init - raw user-data needs a header, a size limit and no other fields", () => {
  for (
    const h of [
      "#cloud-config",
      "#!/bin/sh",
      "#include",
      "#cloud-boothook",
      "#part-handler",
      "Content-Type: multipart/mixed",
    ]
  ) {
    assertEquals(messages({ userData: `${h}\n` }), [], h);
  }
  const header =
    "cloudInit.userData: user-data must start with #cloud-config, #! or another cloud-init header";
  assertEquals(messages({ userData: "hostname: x" }), [header]);
  assertEquals(messages({ userData: " #cloud-config" }), [header]);
  assertEquals(messages({ userData: "#cloud-config\n" + "x".repeat(64 * 1024) }), [
    "cloudInit.userData: user-data must be at most 64 KiB",
  ]);
  const both =
    "cloudInit.userData: Give either raw user-data or user, password and SSH keys, not both";
  assertEquals(messages({ userData: "#!/bin/sh", user: "deploy" }), [both]);
  assertEquals(messages({ userData: "#!/bin/sh", sshKeys: [ED] }), [both]);
  assertEquals(messages({ userData: "#!/bin/sh", user: "deploy", passwordHash: HASH }), [both]);
  assertEquals(messages({ userData: "#!/bin/sh", hostname: "web" }), []);
});

Deno.test("cloud_init - documents for a user with password and keys", () => {
  const { userData, metaData } = cloudInitFiles(
    { hostname: "web-1", user: "deploy", passwordHash: HASH, sshKeys: [ED, `${SK}\n`] },
    opts,
  );
  assertEquals(JSON.parse(metaData), { "instance-id": "iid-0123", "local-hostname": "web-1" });
  assertEquals(body(userData), {
    hostname: "web-1",
    users: [{
      name: "deploy",
      sudo: "ALL=(ALL) NOPASSWD:ALL",
      shell: "/bin/bash",
      lock_passwd: false,
      passwd: HASH,
      ssh_authorized_keys: [ED, SK],
    }],
    ssh_pwauth: true,
  });
});

Deno.test("cloud_init - documents for a user with keys only, keys only, and nothing", () => {
  assertEquals(body(cloudInitFiles({ user: "deploy", sshKeys: [ED] }, opts).userData), {
    hostname: "web1",
    users: [{
      name: "deploy",
      sudo: "ALL=(ALL) NOPASSWD:ALL",
      shell: "/bin/bash",
      ssh_authorized_keys: [ED],
    }],
  });
  assertEquals(body(cloudInitFiles({ sshKeys: [ED] }, opts).userData), {
    hostname: "web1",
    ssh_authorized_keys: [ED],
  });
  assertEquals(body(cloudInitFiles({}, opts).userData), { hostname: "web1" });
  // A VM name that is no host name is turned into one.
  const files = cloudInitFiles({}, { vmName: "My_VM 01-", instanceId: "i" });
  assertEquals(JSON.parse(files.metaData)["local-hostname"], "my-vm-01");
  assertEquals(
    JSON.parse(cloudInitFiles({}, { vmName: "__", instanceId: "i" }).metaData)["local-hostname"],
    "localhost",
  );
});

Deno.test("cloud_init - raw user-data is passed through untouched", () => {
  const raw = "#!/bin/sh\necho 'hi: there' # $(x)\n";
  const { userData, metaData } = cloudInitFiles({ userData: raw, hostname: "db" }, opts);
  assertEquals(userData, raw);
  assertEquals(JSON.parse(metaData), { "instance-id": "iid-0123", "local-hostname": "db" });
});

Deno.test("cloud_init - hostile text stays inside one JSON string", () => {
  const key = `${
    ED.split(" ").slice(0, 2).join(" ")
  } "quoted" \\"x\\": y # z\u0085\u0080 $(reboot)'; - evil: 1 😀`;
  assertEquals(validateCloudInit({ sshKeys: [key] }), []);
  const { userData, metaData } = cloudInitFiles({ sshKeys: [key] }, {
    vmName: "x",
    instanceId: 'a"\n- evil: $(reboot)',
  });
  assertEquals(body(userData), { hostname: "x", ssh_authorized_keys: [key] });
  assertEquals(JSON.parse(metaData), {
    "instance-id": 'a"\n- evil: $(reboot)',
    "local-hostname": "x",
  });
  // No line starts a YAML item or key of its own outside the JSON structure.
  assert(!/^\s*- evil/m.test(userData) && !/^\s*- evil/m.test(metaData));
  // C1 controls are escaped (PyYAML refuses them raw); U+0085 too, being a YAML line break.
  assert(!/[\u0080-\u009f]/.test(userData), "raw C1 control in user-data");
  assertMatch(userData, /\\u0080/);
});

// cloud-init parses seeds with PyYAML: it must read the same values as JSON.parse. Debian's
// python3-yaml (scripts/install-test-deps.sh) provides it for /usr/bin/python3.
const PYTHON = "/usr/bin/python3";

Deno.test({
  name: "cloud_init - PyYAML reads the documents as JSON.parse does",
  fn: async () => {
    const hostileKey = `${ECDSA} a"b' #c: d\u007f\u0080\u0085\u2028\ufffe 😀 é`;
    const docs = [
      cloudInitFiles(
        { hostname: "h", user: "deploy", passwordHash: HASH, sshKeys: [ED, SK] },
        opts,
      ),
      cloudInitFiles({ sshKeys: [hostileKey] }, { vmName: "x", instanceId: "i\n- j: 'k'\u0000" }),
      cloudInitFiles({}, opts),
    ].flatMap((f) => [f.userData, f.metaData]);
    const child = new Deno.Command(PYTHON, {
      args: [
        "-c",
        "import sys, json, yaml; print(json.dumps([yaml.safe_load(d) for d in json.load(sys.stdin)]))",
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(docs)));
    await writer.close();
    const out = await child.output();
    assert(out.success, new TextDecoder().decode(out.stderr));
    const viaJson = docs.map((d) => d.startsWith("#cloud-config\n") ? body(d) : JSON.parse(d));
    assertEquals(JSON.parse(new TextDecoder().decode(out.stdout)), viaJson);
  },
});

Deno.test("cloud_init - the seed ISO holds exactly user-data and meta-data", async () => {
  const ci = { hostname: "web-1", user: "deploy", passwordHash: HASH, sshKeys: [`${ED} ünïcödé`] };
  const image = buildSeedIso(ci, { ...opts, date: new Date("2024-01-02T03:04:05Z") });
  const dir = await Deno.makeTempDir({ prefix: "cloud_init_test" });
  try {
    await Deno.writeFile(`${dir}/seed.iso`, image);
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command("xorriso", {
        args: [
          "-indev",
          `${dir}/seed.iso`,
          "-pvd_info",
          "-osirrox",
          "on",
          "-extract",
          "/",
          `${dir}/out`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        throw new Error("xorriso is not installed: run `bash scripts/install-test-deps.sh`");
      }
      throw err;
    }
    const log = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert(out.success && !/: (WARNING|SORRY|FAILURE|FATAL) :/.test(log), log);
    assertMatch(log, /^Volume Id\s*: cidata$/m);
    const names = [];
    for await (const e of Deno.readDir(`${dir}/out`)) names.push(e.name);
    assertEquals(names.sort(), ["meta-data", "user-data"]);
    const want = cloudInitFiles(ci, opts);
    assertEquals(await Deno.readTextFile(`${dir}/out/user-data`), want.userData);
    assertEquals(await Deno.readTextFile(`${dir}/out/meta-data`), want.metaData);
  } finally {
    await Deno.chmod(`${dir}/out`, 0o755).catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cloud_init - the seed ISO refuses an invalid config", () => {
  let message = "";
  try {
    buildSeedIso({ hostname: "bad_host", passwordHash: "hunter2" }, opts);
  } catch (err) {
    message = (err as Error).message;
  }
  assertMatch(
    message,
    /^Invalid hostname: bad_host; Invalid password hash: .*; A password hash needs a user$/,
  );
});
