// The host URI check against libvirt's own reading of URIs. `libvirtReads` below follows
// libvirt's C code step by step (src/util/viruri.c virURIParseParams with libxml2's
// xmlURIUnescapeString, src/remote/remote_driver.c doRemoteOpen, remote_sockets.c
// remoteSplitURIScheme), written apart from lib/connection_uri/libvirt_uri.ts, quirks included: '&' looked
// for before ';', the "=" section read to the end of the query, C strings ending at a %00,
// ASCII-only case folding, the last value kept. Generated URIs (separators, percent codes, case,
// repeats, empty sections, transports) that libvirt would read as running a program or naming a
// socket, key, known_hosts or certificate folder other than the allowed ones are all refused;
// generated benign ones are all accepted and read the same as libvirt reads them.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkUri } from "./input.ts";
import { paramOf, parseLibvirtUri } from "../connection_uri/libvirt_uri.ts";
import { sshCommandFor } from "../connection_uri/ssh_command.ts";
import type { UriPlaces } from "./uri_policy.ts";

// --- libvirt's reading, after its C code --------------------------------------------------

/** The remote driver's parameters (doRemoteOpen's EXTRACT_URI_ARG_STR/BOOL, and authfile). */
const LIBVIRT_PARAMS = [
  "name",
  "command",
  "socket",
  "auth",
  "sshauth",
  "netcat",
  "keyfile",
  "pkipath",
  "known_hosts",
  "known_hosts_verify",
  "tls_priority",
  "mode",
  "proxy",
  "no_sanity",
  "no_verify",
  "no_tty",
  "authfile",
];

const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** xmlURIUnescapeString(str + from, len): len <= 0 means "to the end of the string". */
function xmlUnescape(str: string, from: number, len: number): number[] {
  if (len <= 0) len = str.length - from;
  const out: number[] = [];
  let i = from;
  while (len > 0) {
    if (len > 2 && str[i] === "%" && isHex(str[i + 1]) && isHex(str[i + 2])) {
      out.push(parseInt(str.slice(i + 1, i + 3), 16));
      i += 3;
      len -= 3;
    } else {
      out.push(str.charCodeAt(i));
      i++;
      len--;
    }
  }
  return out;
}

/** A C string's bytes: up to the first NUL, as one char per byte. */
const cString = (bytes: number[]) => {
  const nul = bytes.indexOf(0);
  return String.fromCharCode(...(nul < 0 ? bytes : bytes.slice(0, nul)));
};

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** What libvirt makes of a URI: its transport, and each known parameter's value (last wins). */
function libvirtReads(uri: string): { transport: string | null; params: Map<string, string> } {
  const scheme = uri.slice(0, uri.indexOf(":"));
  const plus = scheme.indexOf("+");
  const transport = plus < 0 ? null : asciiLower(scheme.slice(plus + 1));
  const params = new Map<string, string>();
  const qmark = uri.indexOf("?");
  if (qmark < 0) return { transport, params };
  const hash = uri.indexOf("#", qmark);
  const query = uri.slice(qmark + 1, hash < 0 ? undefined : hash);
  const parsed: [string, string][] = [];
  let q = 0;
  while (q < query.length) {
    let end = query.indexOf("&", q);
    if (end < 0) end = query.indexOf(";", q);
    if (end < 0) end = query.length;
    let eq = query.indexOf("=", q);
    if (eq >= end) eq = -1;
    if (end === q) {
      // empty section
    } else if (eq < 0) {
      parsed.push([cString(xmlUnescape(query, q, end - q)), ""]);
    } else if (eq + 1 === end) {
      parsed.push([cString(xmlUnescape(query, q, eq - q)), ""]);
    } else if (q === eq) {
      // "=value": ignored
    } else {
      parsed.push([
        cString(xmlUnescape(query, q, eq - q)),
        cString(xmlUnescape(query, eq + 1, end - (eq + 1))),
      ]);
    }
    q = end;
    if (q < query.length) q++;
  }
  for (const [name, value] of parsed) {
    const key = asciiLower(name);
    if (LIBVIRT_PARAMS.includes(key)) params.set(key, value);
  }
  return { transport, params };
}

// --- The files a URI may name, and what is hostile ---------------------------------------

interface Tree {
  places: UriPlaces;
  benign: Record<string, string[]>;
  hostile: Record<string, string[]>;
}

async function makeTree(root: string): Promise<Tree> {
  const keys = `${root}/home/.ssh`;
  const pki = `${root}/pki`;
  await Deno.mkdir(keys, { recursive: true, mode: 0o700 });
  await Deno.mkdir(`${pki}/client`, { recursive: true });
  await Deno.mkdir(`${root}/outside`);
  const files = [`${keys}/id_test`, `${keys}/known_hosts`, `${root}/outside/key`];
  // ssh's own files beside the keys, each 0600 like a key.
  files.push(`${keys}/config`, `${keys}/authorized_keys`, `${keys}/environment`);
  for (const file of files) {
    await Deno.writeTextFile(file, "x\n", { mode: 0o600 });
    await Deno.chmod(file, 0o600);
  }
  // Links inside the allowed folders leading out of them.
  await Deno.symlink(`${root}/outside/key`, `${keys}/escape`);
  await Deno.symlink(`${root}/outside`, `${pki}/escape`);
  // Names that look right for what they lead to: a "known_hosts" that is ssh's config, one that
  // leads to a missing ~/.ssh/rc (writing creates it), one that is a hard link to
  // authorized_keys, and a "key" that is the config.
  await Deno.symlink(`${keys}/config`, `${keys}/known_hosts_link`);
  await Deno.symlink(`${keys}/rc`, `${keys}/known_hosts.dangling`);
  await Deno.link(`${keys}/authorized_keys`, `${keys}/known_hosts.hard`);
  await Deno.symlink(`${keys}/config`, `${keys}/id_link`);
  return {
    places: { keys: [keys], pki: [pki] },
    benign: {
      keyfile: [`${keys}/id_test`],
      // Missing ones are taken: libssh creates them.
      known_hosts: [`${keys}/known_hosts`, `${keys}/known_hosts2`, `${keys}/known_hosts.lab`],
      pkipath: [`${pki}/client`],
      socket: ["/run/libvirt/libvirt-sock", "/var/run/libvirt/virtqemud-sock-ro"],
      no_tty: ["1", "0"],
      no_verify: ["0"],
      sshauth: ["privkey", "agent,privkey"],
      known_hosts_verify: ["normal", "auto"],
      mode: ["legacy", "direct"],
      proxy: ["native", "netcat"],
      tls_priority: ["NORMAL"],
    },
    hostile: {
      command: ["/tmp/prog", "ssh"],
      netcat: ["/tmp/nc", "nc"],
      socket: ["/tmp/evil-sock", "/run/libvirt/../../tmp/evil", "/run/libvirt/libvirt-sock2"],
      keyfile: [
        "/etc/ssh/ssh_host_ed25519_key",
        `${root}/outside/key`,
        `${keys}/../../outside/key`,
        `${keys}/escape`,
        `${keys}x/id_test`,
        `${keys}/known_hosts`,
        `${keys}/config`,
        `${keys}/authorized_keys`,
        `${keys}/environment`,
        `${keys}/id_link`,
      ],
      known_hosts: [
        "/etc/passwd",
        `${keys}/escape`,
        `${keys}/./../../outside/key`,
        `${keys}/config`,
        `${keys}/rc`,
        `${keys}/authorized_keys`,
        `${keys}/authorized_keys2`,
        `${keys}/id_test`,
        `${keys}/known_hosts_link`,
        `${keys}/known_hosts.dangling`,
        `${keys}/known_hosts.hard`,
        `${keys}/known_hosts/x`,
      ],
      pkipath: ["/tmp", `${pki}/escape`, `${pki}/../outside`, `${pki}`],
    },
  };
}

/** Why libvirt's reading of `uri` is hostile; null when it is not. */
function hostility(uri: string, tree: Tree): string | null {
  const { transport, params } = libvirtReads(uri);
  if (transport === "ext") return "ext";
  for (const key of ["command", "netcat"]) if (params.has(key)) return key;
  for (const key of ["socket", "keyfile", "known_hosts", "pkipath"]) {
    const value = params.get(key);
    if (value !== undefined && !tree.benign[key].includes(value)) return key;
  }
  return null;
}

// --- Generating URIs ---------------------------------------------------------------------

/** mulberry32: a small seeded generator, so every run sees the same URIs. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(list: T[]): T => list[Math.floor(next() * list.length)],
    int: (n: number) => Math.floor(next() * n),
  };
}
type Random = ReturnType<typeof random>;

/** `text` with some, none or all characters percent-encoded, hex in either case. */
function encode(r: Random, text: string): string {
  const share = r.pick([0, 0, 0.3, 1]);
  const upper = r.chance(0.5);
  return [...text].map((c) => {
    if (!r.chance(share)) return c;
    const hex = c.charCodeAt(0).toString(16).padStart(2, "0");
    return `%${upper ? hex.toUpperCase() : hex}`;
  }).join("");
}

/** A name in a random case, maybe encoded, maybe with a %00 tail libvirt's C strings drop. */
function spell(r: Random, name: string): string {
  const cased = r.pick([
    () => name,
    () => name.toUpperCase(),
    () => [...name].map((c) => (r.chance(0.5) ? c.toUpperCase() : c)).join(""),
  ])();
  return encode(r, cased) + (r.chance(0.05) ? "%00x" : "");
}

function section(r: Random, name: string, value: string): string {
  return `${spell(r, name)}=${encode(r, value)}`;
}

const HOSTILE_SCHEMES = ["qemu+ext", "qemu+EXT", "QEMU+Ext", "test+ext", "qemu+eXt"];
const SCHEMES = ["qemu+ssh", "qemu+libssh", "qemu+libssh2", "qemu+tls", "qemu+tcp", "qemu"];
const ODD_SCHEMES = ["qemu+SSH", "QEMU+ssh", "qemu+Libssh"];

/** A URI of any kind: hostile parameters, odd separators and sections, any scheme. */
function anyUri(r: Random, tree: Tree): string {
  const scheme = r.chance(0.1)
    ? r.pick(HOSTILE_SCHEMES)
    : r.chance(0.1)
    ? r.pick(ODD_SCHEMES)
    : r.pick(SCHEMES);
  const sections: string[] = [];
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) {
    const hostile = r.chance(0.5);
    const table = hostile ? tree.hostile : tree.benign;
    const name = r.chance(0.9) ? r.pick(Object.keys(table)) : r.pick(LIBVIRT_PARAMS);
    const value = r.pick(table[name] ?? ["1"]);
    sections.push(section(r, name, value));
    // A repeat: the same name with the other kind of value, before or after.
    if (r.chance(0.2)) {
      const other = (hostile ? tree.benign : tree.hostile)[name];
      if (other) {
        const again = section(r, name, r.pick(other));
        if (r.chance(0.5)) sections.push(again);
        else sections.splice(sections.length - 1, 0, again);
      }
    }
  }
  if (r.chance(0.1)) sections.splice(r.int(sections.length + 1), 0, r.pick(["=", "=x", ""]));
  if (r.chance(0.1)) sections.unshift("");
  if (r.chance(0.1)) sections.push("");
  const style = r.pick(["&", ";", "mixed"]);
  const query = sections.map((s, i) =>
    i === 0 ? s : `${style === "mixed" ? r.pick(["&", ";"]) : style}${s}`
  ).join("");
  return `${scheme}://root@127.0.0.1/system?${query}`;
}

/** A URI a user may well write: allowed scheme, one separator, allowed values only. */
function benignUri(r: Random, tree: Tree): string {
  const scheme = r.pick(SCHEMES);
  const count = 1 + r.int(4);
  const sections = Array.from({ length: count }, () => {
    const name = r.pick(Object.keys(tree.benign));
    return section(r, name, r.pick(tree.benign[name])).replace("%00x", "");
  });
  if (r.chance(0.2)) sections.push("");
  if (r.chance(0.2)) sections.unshift("");
  return `${scheme}://root@127.0.0.1/system?${sections.join(r.pick(["&", ";"]))}`;
}

function refusedUri(uri: string, places: UriPlaces): AppError {
  try {
    checkUri(uri, places);
  } catch (err) {
    assert(err instanceof AppError, `${uri}: ${err}`);
    return err;
  }
  throw new Error(`accepted: ${uri}`);
}

// --- The tests ---------------------------------------------------------------------------

Deno.test("host uri policy - no generated URI libvirt reads as hostile is accepted", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-uri-" });
  try {
    const tree = await makeTree(root);
    const r = random(43);
    const seen = new Map<string, number>();
    let semicolonHostile = 0;
    for (let i = 0; i < 3000; i++) {
      const uri = anyUri(r, tree);
      const why = hostility(uri, tree);
      if (why) {
        seen.set(why, (seen.get(why) ?? 0) + 1);
        if (!uri.includes("&")) semicolonHostile++;
        const err = refusedUri(uri, tree.places);
        assertEquals(err.code, "INVALID_HOST");
        continue;
      }
      // Not hostile to libvirt: when accepted, it reads as libvirt reads it.
      let accepted = true;
      try {
        checkUri(uri, tree.places);
      } catch {
        accepted = false;
      }
      if (accepted) sameReading(uri);
    }
    // Every kind was generated, many times, ';'-only queries among them.
    for (
      const kind of ["ext", "command", "netcat", "socket", "keyfile", "known_hosts", "pkipath"]
    ) {
      assert((seen.get(kind) ?? 0) >= 20, `${kind}: ${seen.get(kind) ?? 0} hostile URIs`);
    }
    assert(semicolonHostile >= 100, `${semicolonHostile} hostile URIs separated by ';' only`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("host uri policy - generated benign URIs are accepted and read as libvirt reads them", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-uri-" });
  try {
    const tree = await makeTree(root);
    const r = random(7);
    for (let i = 0; i < 1000; i++) {
      const uri = benignUri(r, tree);
      assertEquals(hostility(uri, tree), null, uri);
      assertEquals(checkUri(uri, tree.places), uri);
      sameReading(uri);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** libvirt_uri.ts and ssh_command.ts read the parameters libvirt reads, with the same values. */
function sameReading(uri: string) {
  const parsed = parseLibvirtUri(uri);
  assert(parsed.ok, uri);
  const libvirt = libvirtReads(uri);
  assertEquals(parsed.uri.transport, libvirt.transport, uri);
  for (const key of LIBVIRT_PARAMS) {
    assertEquals(paramOf(parsed.uri, key), libvirt.params.get(key), `${key} of ${uri}`);
  }
  const argv = sshCommandFor(uri, "true");
  const keyfile = libvirt.params.get("keyfile");
  if (argv && keyfile) assertEquals(argv[argv.indexOf("-i") + 1], keyfile, uri);
}

Deno.test("host uri policy - the finding: ';' carries command= past a check splitting on '&'", () => {
  const places = { keys: [], pki: [] };
  const uri = "qemu+ssh://127.0.0.1/system?no_tty=1;command=/path/prog";
  assertEquals(libvirtReads(uri).params.get("command"), "/path/prog");
  const err = refusedUri(uri, places);
  assert(err.message.includes('URI parameter "command" is refused'), err.message);
});

Deno.test("host uri policy - each refusal names the parameter and what is allowed", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-uri-" });
  try {
    const { places } = await makeTree(root);
    const keys = places.keys[0];
    const says = (query: string, words: string) => {
      const err = refusedUri(`qemu+libssh://root@h/system?${query}`, places);
      assert(err.message.includes(words), `${query}: "${err.message}" says "${words}"`);
    };
    says("socket=/tmp/s", `URI parameter "socket" may only name a libvirt daemon's socket`);
    says("SOCKET=/tmp/s", `URI parameter "SOCKET" may only name`);
    says("keyfile=/etc/ssh/ssh_host_ed25519_key", `"keyfile" must name a file in ${keys}`);
    says(`keyfile=${keys}/escape`, `"keyfile" must name a file in ${keys} (links are followed)`);
    says(`keyfile=${keys}/../x`, `keyfile must be a plain absolute path`);
    says("known_hosts=/etc/passwd", `"known_hosts" must name a file in ${keys}`);
    says("pkipath=/tmp", `"pkipath" must name a folder under ${places.pki[0]}`);
    says("name=qemu:///session", `URI parameter "name" is not accepted (allowed: keyfile,`);
    says("mode=remote", `URI parameter "mode" takes auto, legacy, direct`);
    says("no_tty=1;command=/p&x=1", "Separate the URI's parameters with & or with ;, not both");
    const ext = refusedUri("qemu+ext:///system?command=/p", places);
    assert(ext.message.includes('Unsupported URI scheme "qemu+ext"'), ext.message);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("host uri policy - known_hosts= names only a known_hosts file, keyfile= none of ssh's own", async () => {
  // The finding: with known_hosts_verify=auto libssh appends the host key to the file named, so
  // known_hosts=DATA/ssh/config appended a line to ssh's config and known_hosts=~/.ssh/rc made
  // the script sshd runs at every login.
  const root = await Deno.makeTempDir({ prefix: "kvmm-uri-" });
  try {
    const { places } = await makeTree(root);
    const keys = places.keys[0];
    const says = (query: string, words: string) => {
      const err = refusedUri(`qemu+libssh://root@h/system?${query}`, places);
      assert(err.message.includes(words), `${query}: "${err.message}" says "${words}"`);
    };
    const called = `"known_hosts" must name a file called known_hosts (or known_hosts2`;
    for (const file of ["config", "rc", "authorized_keys", "id_test", "environment"]) {
      says(`keyfile=${keys}/id_test&known_hosts=${keys}/${file}&known_hosts_verify=auto`, called);
    }
    says(`known_hosts=${keys}/known_hosts_link`, `${called}`);
    says(`known_hosts=${keys}/known_hosts.dangling`, `"known_hosts" must name a file in ${keys}`);
    says(`known_hosts=${keys}/known_hosts.hard`, "has other names (hard links)");
    for (const file of ["known_hosts", "config", "authorized_keys", "environment"]) {
      says(
        `keyfile=${keys}/${file}`,
        `"keyfile" names ssh's own file "${file}", not a private key`,
      );
    }
    says(`keyfile=${keys}/id_link`, `"keyfile" names ssh's own file "config"`);
    // Nothing was written or made by checking.
    assertEquals(await Deno.lstat(`${keys}/rc`).then(() => true, () => false), false);
    assertEquals(await Deno.readTextFile(`${keys}/config`), "x\n");
    const ok =
      `qemu+libssh://root@h/system?keyfile=${keys}/id_test&known_hosts=${keys}/known_hosts2`;
    assertEquals(
      checkUri(`${ok}&known_hosts_verify=auto`, places),
      `${ok}&known_hosts_verify=auto`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("host uri policy - test:// is test:///default, node files only on a test-driver server", async () => {
  // The finding: test:///etc/shadow was taken, and the host's connection error quoted the file.
  const root = await Deno.makeTempDir({ prefix: "kvmm-uri-" });
  try {
    const node = `${root}/node.xml`;
    await Deno.writeTextFile(node, "<node/>\n");
    await Deno.symlink("/etc/shadow", `${root}/shadow.xml`);
    await Deno.mkdir(`${root}/dir.xml`);
    const server = { keys: [], pki: [] };
    const demo = { keys: [], pki: [], testNodes: true };
    for (const places of [server, demo]) {
      assertEquals(checkUri("test:///default", places), "test:///default");
      for (const uri of ["test:///etc/shadow", "test://h/default", "test://root@/default"]) {
        const err = refusedUri(uri, places);
        assert(err.message.includes("A test:// URI "), `${uri}: ${err.message}`);
      }
    }
    const err = refusedUri(`test://${node}`, server);
    assertEquals(err.message, "A test:// URI may only be test:///default, libvirt's built-in demo");
    assertEquals(checkUri(`test://${node}`, demo), `test://${node}`);
    for (
      const path of [`${root}/shadow.xml`, `${root}/dir.xml`, `${root}/none.xml`, "/etc/passwd"]
    ) {
      const err = refusedUri(`test://${path}`, demo);
      assert(err.message.startsWith("A test:// URI is test:///default or test:///PATH.xml"), path);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
