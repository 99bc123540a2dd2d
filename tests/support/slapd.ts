// A real OpenLDAP server on loopback, started by a test, for LDAP sign-in (issue 60): Debian's
// slapd with a config, database, CA and certificates of its own in one temp dir, serving a small
// directory (people, groups, a reader account) on ldap:// (StartTLS offered) and ldaps://.
// Nothing in /etc/ldap is read but the schema files, and the host's own slapd (unconfigured,
// disabled by scripts/install-test-deps.sh) is never touched. Needs root, slapd and ldap-utils
// (scripts/install-test-deps.sh).

import { freePort } from "../harness/free_port.ts";
import { type Daemon, followStart } from "./daemon_start.ts";

/** The people in the directory, by uid. `zoë` checks a non-ASCII uid and DN end to end. */
export const USER_NAMES = ["alice", "bob", "carol", "dave", "eve", "zoë"] as const;
export type UserName = typeof USER_NAMES[number];

/** The groups (groupOfNames, `member` = user DNs) and who is in each; bob is in none. */
export const GROUP_MEMBERS = {
  "vm-ops": ["alice", "dave"],
  "vm-admins": ["carol"],
  "vm-viewers": ["dave"],
  // No role maps this one: a member of it only is known to LDAP but may do nothing.
  "staff": ["eve"],
} as const satisfies Record<string, readonly UserName[]>;
export type GroupName = keyof typeof GROUP_MEMBERS;
export const GROUP_NAMES = Object.keys(GROUP_MEMBERS) as GroupName[];

/** A DN and the password it binds with. */
export interface Account {
  dn: string;
  password: string;
}

export interface SlapdOptions {
  /**
   * Whether an anonymous client may search the directory (not passwords), as for a realm in
   * "anonymous search" mode. Default true; false leaves anonymous clients only the bind itself.
   */
  anonymousRead?: boolean;
}

/** A running slapd; see startSlapd. */
export interface Slapd {
  /** ldap://127.0.0.1:PORT, StartTLS offered (not required) with the server certificate. */
  url: string;
  /** ldaps://127.0.0.1:PORT, TLS from the first byte. */
  ldapsUrl: string;
  /** PEM of the CA that signed the server certificate (SAN IP:127.0.0.1, DNS:localhost). */
  caFile: string;
  /** PEM of another CA, which signed nothing slapd shows: for "bad certificate" tests. */
  wrongCaFile: string;
  /** dc=kvmm,dc=test */
  baseDn: string;
  /** ou=people under baseDn: the users (inetOrgPerson + posixAccount, uid=NAME). */
  peopleDn: string;
  /** ou=groups under baseDn: the groups (groupOfNames, cn=NAME). */
  groupsDn: string;
  /** The service account: reads everything but passwords. */
  reader: Account;
  /** Every user's DN and password (the password is `NAME-secret`). */
  users: Record<UserName, Account>;
  /** Each group's DN. */
  groups: Record<GroupName, string>;
  /** The temp dir holding config, database, keys and certificates; gone after stop(). */
  dir: string;
  /** What slapd logged so far (-d none: start-up, errors and shutdown only). */
  log(): string;
  /** Kills slapd and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const SLAPD = "/usr/sbin/slapd";
const SLAPADD = "/usr/sbin/slapadd";
const LDAPWHOAMI = "/usr/bin/ldapwhoami";
const SCHEMA_DIR = "/etc/ldap/schema";
const HOST = "127.0.0.1";
const BASE_DN = "dc=kvmm,dc=test";
const PEOPLE_DN = `ou=people,${BASE_DN}`;
const GROUPS_DN = `ou=groups,${BASE_DN}`;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 3_000;

/** Runs `fn` with a fresh slapd, then stops it and removes its files, whatever `fn` does. */
export async function withSlapd(
  fn: (s: Slapd) => Promise<void>,
  opts?: SlapdOptions,
): Promise<void> {
  await using slapd = await startSlapd(opts);
  await fn(slapd);
}

/** Starts slapd on two free loopback ports and resolves once it answers an LDAP request. */
export async function startSlapd({ anonymousRead = true }: SlapdOptions = {}): Promise<Slapd> {
  if (Deno.uid() !== 0) throw new Error("tests/support/slapd.ts needs root (its files are 0700)");
  for (const [program, pkg] of [[SLAPD, "slapd"], [SLAPADD, "slapd"], [LDAPWHOAMI, "ldap-utils"]]) {
    try {
      await Deno.stat(program);
    } catch {
      throw new Error(`${program} is missing: run scripts/install-test-deps.sh (${pkg})`);
    }
  }
  await refuseConfinedSlapd();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-slapd-" });
  try {
    await Deno.chmod(dir, 0o700);
    return await startIn(dir, anonymousRead);
  } catch (err) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw err;
  }
}

/**
 * Debian's slapd package (seen in 12's 2.5.13) ships no AppArmor profile: slapd reads /tmp.
 * Ubuntu's ships /etc/apparmor.d/usr.sbin.slapd, which confines it to /etc/ldap, /var/lib/ldap
 * and the like: there slapd would fail on its own files, so say why instead.
 */
async function refuseConfinedSlapd(): Promise<void> {
  let profiles = "";
  try {
    profiles = await Deno.readTextFile("/sys/kernel/security/apparmor/profiles");
  } catch { /* no AppArmor on this kernel */ }
  const confining = profiles.split("\n").find((l) => /slapd \(enforce\)$/.test(l));
  if (confining) {
    throw new Error(
      `AppArmor confines slapd (${confining}), which keeps it from the test's temp dir: ` +
        "aa-complain /usr/sbin/slapd, or run on Debian, whose slapd has no profile",
    );
  }
}

async function startIn(dir: string, anonymousRead: boolean): Promise<Slapd> {
  const tls = await makeCertificates(dir);
  const reader = { dn: `cn=reader,${BASE_DN}`, password: "reader-secret" };
  const users = Object.fromEntries(
    USER_NAMES.map((
      name,
    ) => [name, { dn: `uid=${name},${PEOPLE_DN}`, password: `${name}-secret` }]),
  ) as Record<UserName, Account>;
  const groups = Object.fromEntries(
    GROUP_NAMES.map((name) => [name, `cn=${name},${GROUPS_DN}`]),
  ) as Record<GroupName, string>;

  const config = `${dir}/slapd.conf`;
  await Deno.mkdir(`${dir}/db`, { mode: 0o700 });
  await Deno.writeTextFile(config, slapdConf(dir, tls, anonymousRead));
  await Deno.writeTextFile(`${dir}/data.ldif`, await directoryLdif(reader, users, groups));
  // slapadd writes the database straight, slapd not running: no rootdn bind, no ACLs. Without
  // -q it checks every entry against the schema, as slapd would.
  await run(SLAPADD, ["-f", config, "-l", `${dir}/data.ldif`]);

  for (let attempt = 1;; attempt++) {
    const ports = { ldap: freePort(), ldaps: freePort() };
    try {
      const server = await spawnSlapd(config, ports);
      return finish(dir, server, ports, tls, reader, users, groups);
    } catch (err) {
      // Another process may have taken a port between freePort() and slapd's bind.
      if (!(err instanceof PortTaken) || attempt >= 3) throw err;
    }
  }
}

interface Certificates {
  caFile: string;
  wrongCaFile: string;
  certFile: string;
  keyFile: string;
}

/** A CA, a server certificate it signs for 127.0.0.1 and localhost, and an unrelated CA. */
async function makeCertificates(dir: string): Promise<Certificates> {
  const tls = {
    caFile: `${dir}/ca.pem`,
    wrongCaFile: `${dir}/wrong-ca.pem`,
    certFile: `${dir}/server.pem`,
    keyFile: `${dir}/server.key`,
  };
  const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-noenc"];
  const ca = [
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ];
  const days = ["-days", "7"];
  await run("openssl", [
    "req",
    "-x509",
    ...newKey,
    ...days,
    ...ca,
    "-subj",
    "/CN=KVM Manager test LDAP CA",
    "-keyout",
    `${dir}/ca.key`,
    "-out",
    tls.caFile,
  ]);
  // `req -x509 -CA` (OpenSSL 3.0+, Debian 12 and 13) signs with the CA in the same step.
  await run("openssl", [
    "req",
    "-x509",
    ...newKey,
    ...days,
    "-CA",
    tls.caFile,
    "-CAkey",
    `${dir}/ca.key`,
    "-subj",
    `/CN=${HOST}`,
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-addext",
    "basicConstraints=critical,CA:FALSE",
    "-addext",
    "extendedKeyUsage=serverAuth",
    "-keyout",
    tls.keyFile,
    "-out",
    tls.certFile,
  ]);
  await run("openssl", [
    "req",
    "-x509",
    ...newKey,
    ...days,
    ...ca,
    "-subj",
    "/CN=Unrelated test CA",
    "-keyout",
    `${dir}/wrong-ca.key`,
    "-out",
    tls.wrongCaFile,
  ]);
  return tls;
}

/**
 * slapd.conf, which 2.5 and 2.6 still read (`-f`); cn=config would need slapd.d and ldapadd.
 * ACLs: first match wins, so userPassword is usable only to bind, by anyone; the rootdn
 * (cn=admin) bypasses ACLs but no test binds as it.
 */
function slapdConf(dir: string, tls: Certificates, anonymousRead: boolean): string {
  return [
    ...["core", "cosine", "inetorgperson", "nis"].map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    `TLSCACertificateFile ${tls.caFile}`,
    `TLSCertificateFile ${tls.certFile}`,
    `TLSCertificateKeyFile ${tls.keyFile}`,
    "database mdb",
    `suffix "${BASE_DN}"`,
    `rootdn "cn=admin,${BASE_DN}"`,
    `rootpw "admin-secret"`,
    `directory ${dir}/db`,
    "maxsize 16777216",
    "access to attrs=userPassword",
    "  by anonymous auth",
    "  by * none",
    "access to *",
    "  by users read",
    anonymousRead ? "  by anonymous read" : "  by * none",
    "",
  ].join("\n");
}

/** The directory as LDIF; passwords stored {SSHA}-hashed, as a real directory keeps them. */
async function directoryLdif(
  reader: Account,
  users: Record<UserName, Account>,
  groups: Record<GroupName, string>,
): Promise<string> {
  const entries: [string, string][][] = [
    [
      ["dn", BASE_DN],
      ["objectClass", "dcObject"],
      ["objectClass", "organization"],
      ["dc", "kvmm"],
      ["o", "KVM Manager tests"],
    ],
    [["dn", PEOPLE_DN], ["objectClass", "organizationalUnit"], ["ou", "people"]],
    [["dn", GROUPS_DN], ["objectClass", "organizationalUnit"], ["ou", "groups"]],
    [
      ["dn", reader.dn],
      ["objectClass", "organizationalRole"],
      ["objectClass", "simpleSecurityObject"],
      ["cn", "reader"],
      ["description", "KVM Manager's service account: searches people and groups"],
      ["userPassword", await ssha(reader.password)],
    ],
  ];
  for (const [i, name] of USER_NAMES.entries()) {
    const fullName = `${name[0].toUpperCase()}${name.slice(1)} Tester`;
    // mail and homeDirectory are IA5 (ASCII) strings: zoë is zoe there.
    const ascii = name.normalize("NFD").replace(/[^\x20-\x7e]/g, "");
    entries.push([
      ["dn", users[name].dn],
      ["objectClass", "inetOrgPerson"],
      ["objectClass", "posixAccount"],
      ["uid", name],
      ["cn", fullName],
      ["sn", "Tester"],
      ["displayName", fullName],
      ["mail", `${ascii}@kvmm.test`],
      ["uidNumber", String(10001 + i)],
      ["gidNumber", "10000"],
      ["homeDirectory", `/home/${ascii}`],
      ["userPassword", await ssha(users[name].password)],
    ]);
  }
  for (const name of GROUP_NAMES) {
    entries.push([
      ["dn", groups[name]],
      ["objectClass", "groupOfNames"],
      ["cn", name],
      ...GROUP_MEMBERS[name].map((u): [string, string] => ["member", users[u].dn]),
    ]);
  }
  return entries.map((e) => e.map(([k, v]) => ldifLine(k, v)).join("\n") + "\n").join("\n");
}

/** `attr: value`, or `attr:: base64` where LDIF (RFC 2849) wants it, as for zoë's UTF-8. */
function ldifLine(attr: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) && !value.endsWith(" ")) {
    return `${attr}: ${value}`;
  }
  const bytes = new TextEncoder().encode(value);
  return `${attr}:: ${btoa(String.fromCharCode(...bytes))}`;
}

/** OpenLDAP's {SSHA}: base64(SHA-1(password + salt) + salt), with an 8-byte salt. */
async function ssha(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(8));
  const pw = new TextEncoder().encode(password);
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-1", new Uint8Array([...pw, ...salt])),
  );
  return `{SSHA}${btoa(String.fromCharCode(...digest, ...salt))}`;
}

class PortTaken extends Error {}

/** The running daemon (tests/support/daemon_start.ts). */
type Server = Daemon;

async function spawnSlapd(config: string, ports: { ldap: number; ldaps: number }): Promise<Server> {
  // -d keeps slapd in the foreground, a child of the test; level "none" logs only what slapd
  // always logs (start-up, errors, shutdown), to stderr. Running as root: no -u/-g, since the
  // temp dir is root's.
  const child = new Deno.Command(SLAPD, {
    args: [
      "-d",
      "none",
      "-h",
      `ldap://${HOST}:${ports.ldap}/ ldaps://${HOST}:${ports.ldaps}/`,
      "-f",
      config,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const deadline = Date.now() + START_TIMEOUT_MS;
  // Logged once the listeners are bound and the database is open, as it starts serving.
  const { daemon: server, outcome } = await followStart(
    child,
    (line) => / slapd starting$/.test(line),
    START_TIMEOUT_MS,
  );
  const { lines } = server;
  if (outcome === "ready" && await answers(`ldap://${HOST}:${ports.ldap}`, deadline)) {
    return server;
  }
  await killServer(server);
  const log = lines.join("\n");
  if (/Address already in use/.test(log)) throw new PortTaken(`a port is taken: ${log}`);
  throw new Error(
    outcome === "exited"
      ? `slapd exited at start:\n${log}`
      : `slapd did not answer on ldap://${HOST}:${ports.ldap} within ${START_TIMEOUT_MS} ms:\n${log}`,
  );
}

/** Whether an anonymous `ldapwhoami` succeeds before the deadline (tried every 100 ms). */
async function answers(url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const out = await new Deno.Command(LDAPWHOAMI, {
      args: ["-x", "-H", url, "-o", "nettimeout=2"],
      // No /etc/ldap/ldap.conf, ~/.ldaprc or LDAP* variables of the host's: the plain request.
      env: { LDAPNOINIT: "1" },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    if (out.success) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function finish(
  dir: string,
  server: Server,
  ports: { ldap: number; ldaps: number },
  tls: Certificates,
  reader: Account,
  users: Record<UserName, Account>,
  groups: Record<GroupName, string>,
): Slapd {
  // Backstop for a test process that exits without stop(): no slapd left listening.
  const onUnload = () => {
    try {
      server.child.kill("SIGKILL");
    } catch { /* already gone */ }
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* already gone */ }
  };
  globalThis.addEventListener("unload", onUnload);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    stopping ??= (async () => {
      try {
        await killServer(server);
      } finally {
        globalThis.removeEventListener("unload", onUnload);
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      }
    })();
  return {
    url: `ldap://${HOST}:${ports.ldap}`,
    ldapsUrl: `ldaps://${HOST}:${ports.ldaps}`,
    caFile: tls.caFile,
    wrongCaFile: tls.wrongCaFile,
    baseDn: BASE_DN,
    peopleDn: PEOPLE_DN,
    groupsDn: GROUPS_DN,
    reader,
    users,
    groups,
    dir,
    log: () => server.lines.join("\n"),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * SIGTERM (slapd closes its listeners and the database at once), SIGKILL if it is still there
 * after STOP_TIMEOUT_MS. slapd forks nothing: its threads go with it.
 */
async function killServer({ child, reader }: Server): Promise<void> {
  try {
    child.kill("SIGTERM");
  } catch { /* already gone */ }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const exited = await Promise.race([
    child.status.then(() => true),
    new Promise<false>((r) => timer = setTimeout(() => r(false), STOP_TIMEOUT_MS)),
  ]);
  clearTimeout(timer);
  if (!exited) {
    try {
      child.kill("SIGKILL");
    } catch { /* exited meanwhile */ }
    await child.status;
  }
  await reader.catch(() => {});
}

async function run(program: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(program, { args, stdin: "null" }).output();
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr) || new TextDecoder().decode(out.stdout);
    throw new Error(`${program} ${args.join(" ")} failed:\n${err}`);
  }
}
