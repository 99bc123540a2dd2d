// The LDAP test bed (tests/support/slapd.ts) checked with the clients Debian ships: the directory
// holds what the sign-in tests expect, passwords only bind, TLS is trusted through caFile and
// nothing else, and stop() leaves no process, port or file behind.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { GROUP_MEMBERS, GROUP_NAMES, startSlapd, USER_NAMES } from "./support/slapd.ts";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs ldapsearch or ldapwhoami. The host's /etc/ldap/ldap.conf is still read (LDAPNOINIT would
 * drop the LDAPTLS_* variables too), so every TLS setting a check relies on is passed here.
 */
async function ldap(
  tool: "ldapsearch" | "ldapwhoami",
  args: string[],
  tls: { caFile?: string } = {},
): Promise<Outcome> {
  const env: Record<string, string> = { LDAPTLS_REQCERT: "demand" };
  if (tls.caFile) env.LDAPTLS_CACERT = tls.caFile;
  const out = await new Deno.Command(tool, {
    args: ["-x", "-o", "nettimeout=5", ...args],
    env,
    stdin: "null",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** `attr: value` lines of LDIF output, unfolded, with base64 values (`attr::`) decoded. */
function ldifValues(ldif: string, attr: string): string[] {
  const unfolded = ldif.replace(/\n /g, "");
  const values: string[] = [];
  for (const line of unfolded.split("\n")) {
    const plain = line.match(/^([\w-]+): (.*)$/);
    const b64 = line.match(/^([\w-]+):: (.*)$/);
    if (plain && plain[1].toLowerCase() === attr.toLowerCase()) values.push(plain[2]);
    if (b64 && b64[1].toLowerCase() === attr.toLowerCase()) {
      values.push(new TextDecoder().decode(Uint8Array.from(atob(b64[2]), (c) => c.charCodeAt(0))));
    }
  }
  return values;
}

Deno.test("slapd - the reader finds alice and her group, and no password", async () => {
  await using slapd = await startSlapd();
  const asReader = ["-LLL", "-H", slapd.url, "-D", slapd.reader.dn, "-w", slapd.reader.password];

  // userPassword asked for by name: the ACL hides it, the entry is still found.
  const alice = await ldap("ldapsearch", [
    ...asReader,
    "-b",
    slapd.peopleDn,
    "(uid=alice)",
    "*",
    "userPassword",
  ]);
  assertEquals(alice.code, 0, alice.stderr);
  assertEquals(ldifValues(alice.stdout, "dn"), [slapd.users.alice.dn]);
  assertEquals(ldifValues(alice.stdout, "mail"), ["alice@kvmm.test"]);
  assertEquals(ldifValues(alice.stdout, "userPassword"), [], alice.stdout);

  const groups = await ldap("ldapsearch", [
    ...asReader,
    "-b",
    slapd.groupsDn,
    `(member=${slapd.users.alice.dn})`,
    "cn",
  ]);
  assertEquals(groups.code, 0, groups.stderr);
  assertEquals(ldifValues(groups.stdout, "cn"), ["vm-ops"]);

  // Everyone and every group is there, with the members the exported table names.
  const people = await ldap("ldapsearch", [...asReader, "-b", slapd.peopleDn, "(uid=*)", "uid"]);
  assertEquals(ldifValues(people.stdout, "uid").sort(), [...USER_NAMES].sort());
  for (const name of GROUP_NAMES) {
    const group = await ldap("ldapsearch", [
      ...asReader,
      "-b",
      slapd.groups[name],
      "-s",
      "base",
      "member",
    ]);
    assertEquals(
      ldifValues(group.stdout, "member").sort(),
      GROUP_MEMBERS[name].map((u) => slapd.users[u].dn).sort(),
      name,
    );
  }

  // "Anonymous search" mode: an anonymous client finds alice too, her password still hidden.
  const anonymous = await ldap("ldapsearch", [
    "-LLL",
    "-H",
    slapd.url,
    "-b",
    slapd.baseDn,
    "(uid=alice)",
    "*",
    "userPassword",
  ]);
  assertEquals(anonymous.code, 0, anonymous.stderr);
  assertEquals(ldifValues(anonymous.stdout, "dn"), [slapd.users.alice.dn]);
  assertEquals(ldifValues(anonymous.stdout, "userPassword"), []);
});

Deno.test("slapd - anonymousRead: false leaves an anonymous client nothing to find", async () => {
  await using slapd = await startSlapd({ anonymousRead: false });
  const anonymous = await ldap("ldapsearch", [
    "-LLL",
    "-H",
    slapd.url,
    "-b",
    slapd.baseDn,
    "(uid=alice)",
  ]);
  // The base itself is unreadable, so slapd answers "No such object" (32) rather than "denied".
  assertEquals(anonymous.code, 32, anonymous.stderr);
  assertEquals(anonymous.stdout.trim(), "");
  const reader = await ldap("ldapsearch", [
    "-LLL",
    "-H",
    slapd.url,
    "-D",
    slapd.reader.dn,
    "-w",
    slapd.reader.password,
    "-b",
    slapd.baseDn,
    "(uid=alice)",
    "uid",
  ]);
  assertEquals(ldifValues(reader.stdout, "uid"), ["alice"]);
});

Deno.test("slapd - alice binds with her password and not with a wrong one; zoë binds too", async () => {
  await using slapd = await startSlapd();
  const { alice, zoë } = slapd.users;
  const ok = await ldap("ldapwhoami", ["-H", slapd.url, "-D", alice.dn, "-w", alice.password]);
  assertEquals(ok.code, 0, ok.stderr);
  assertEquals(ok.stdout.trim(), `dn:${alice.dn}`);

  const wrong = await ldap("ldapwhoami", ["-H", slapd.url, "-D", alice.dn, "-w", "not-hers"]);
  assertEquals(wrong.code, 49, `LDAP_INVALID_CREDENTIALS: ${wrong.stderr}`);
  assertMatch(wrong.stderr, /Invalid credentials/);

  // A DN and password holding UTF-8 bind like any other.
  const z = await ldap("ldapwhoami", ["-H", slapd.url, "-D", zoë.dn, "-w", zoë.password]);
  assertEquals(z.code, 0, z.stderr);
  assertEquals(z.stdout.trim(), `dn:${zoë.dn}`);
});

Deno.test("slapd - StartTLS and ldaps are trusted with caFile and refused with wrongCaFile", async () => {
  await using slapd = await startSlapd();
  const { alice } = slapd.users;
  const bind = ["-D", alice.dn, "-w", alice.password];
  for (
    const [how, url, extra] of [["StartTLS", slapd.url, ["-ZZ"]], [
      "ldaps",
      slapd.ldapsUrl,
      [],
    ]] as const
  ) {
    const good = await ldap("ldapwhoami", [...extra, "-H", url, ...bind], { caFile: slapd.caFile });
    assertEquals(good.code, 0, `${how} with caFile: ${good.stderr}\nslapd:\n${slapd.log()}`);
    assertEquals(good.stdout.trim(), `dn:${alice.dn}`, how);

    const bad = await ldap("ldapwhoami", [...extra, "-H", url, ...bind], {
      caFile: slapd.wrongCaFile,
    });
    assert(bad.code !== 0, `${how} with wrongCaFile bound: ${bad.stdout}`);
    // -ZZ: the StartTLS handshake failed (connect error); ldaps: the connection itself did.
    assertMatch(bad.stderr, /Connect error|Can't contact LDAP server/, `${how}: ${bad.stderr}`);
  }
});

// libldap checks a certificate for "localhost" against this machine's hostname instead (seen
// here: "hostname (vm) does not match"), so the name is checked with Deno's own TLS client,
// which a realm written in Deno uses.
Deno.test("slapd - ldaps by the name localhost is trusted with caFile and refused with wrongCaFile", async () => {
  await using slapd = await startSlapd();
  const port = Number(new URL(slapd.ldapsUrl).port);
  const handshake = async (caFile: string) => {
    const conn = await Deno.connectTls({
      hostname: "localhost",
      port,
      caCerts: [await Deno.readTextFile(caFile)],
    });
    try {
      await conn.handshake();
    } finally {
      conn.close();
    }
  };
  await handshake(slapd.caFile);
  let refused: unknown = null;
  try {
    await handshake(slapd.wrongCaFile);
  } catch (err) {
    refused = err;
  }
  assert(refused, "a handshake trusting only wrongCaFile succeeded");
  assertMatch(String(refused), /UnknownIssuer|certificate/i);
});

Deno.test("slapd - stop() closes the ports, ends slapd and removes its temp dir", async () => {
  const slapd = await startSlapd();
  const ports = [slapd.url, slapd.ldapsUrl].map((u) => Number(new URL(u).port));
  const before = await slapdChildren();
  assertEquals(before.length, 1, "one slapd below this test process");
  await slapd.stop();
  await slapd.stop(); // idempotent

  for (const port of ports) {
    let refused = false;
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    } catch (err) {
      refused = err instanceof Deno.errors.ConnectionRefused;
    }
    assert(refused, `port ${port} still accepts`);
  }
  assertEquals(await slapdChildren(), []);
  let gone = false;
  try {
    await Deno.stat(slapd.dir);
  } catch (err) {
    gone = err instanceof Deno.errors.NotFound;
  }
  assert(gone, `${slapd.dir} is still there`);
});

/** Processes named slapd whose parent is this test process (from /proc). */
async function slapdChildren(): Promise<number[]> {
  const found: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === "slapd" && ppid === Deno.pid) found.push(Number(entry.name));
    } catch { /* exited meanwhile */ }
  }
  return found;
}
