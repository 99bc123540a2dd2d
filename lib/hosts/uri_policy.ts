// Which libvirt URIs a remote host may have: read by lib/connection_uri/libvirt_uri.ts exactly as libvirt
// reads them, then an allow-list of schemes (no `ext` transport) and of remote driver
// parameters (https://libvirt.org/uri.html#remote-uris), each value checked. A URI must not be a
// way to run a program (`command`, `netcat`), reach another daemon's socket, or hand ssh a file
// that is not the service user's own key (a host key, say), or have libssh write anywhere but a
// known_hosts file. test:// is libvirt's demo driver: test:///default, and its node files
// (test:///PATH.xml) only on a server that itself runs on the test driver, since the driver reads
// any file the server can and its parse errors quote the file.

import { homedir } from "node:os";
import { basename, dirname, isAbsolute, normalize } from "node:path";
import { t, tKey } from "../../shared/i18n/t.ts";
import {
  type LibvirtUri,
  parseLibvirtUri,
  type UriSyntaxProblem,
} from "../connection_uri/libvirt_uri.ts";

/**
 * The folders whose files a URI may name as `keyfile=` and `known_hosts=`, and under which a
 * `pkipath=` folder must be. Made by uriPlaces from the running process and its data folder.
 */
export interface UriPlaces {
  /**
   * ssh keys and known_hosts files: the service user's `~/.ssh` (HOME of the running process,
   * /root/.ssh for root) and KVM Manager's own `DATA-DIR/ssh` (/var/lib/kvm-manager/ssh for root),
   * made 0700 by whoever puts keys there, as `DATA-DIR/tls` holds the server's certificate.
   */
  keys: string[];
  /** TLS client certificate folders: under /etc/pki (libvirt's default) or `~/.pki`. */
  pki: string[];
  /**
   * Whether a test:// URI may name a node file (test:///PATH.xml) besides test:///default: only
   * on a server started on the test driver itself (demo mode, tests). Unset: no.
   */
  testNodes?: boolean;
}

/**
 * The places of uriPlaces for this process, with `dataDir` its data folder (null: none);
 * `testNodes` for a server that runs on the test driver itself.
 */
export function uriPlaces(dataDir: string | null, testNodes = false): UriPlaces {
  const home = homedir();
  const keys = [`${home}/.ssh`, ...(dataDir ? [`${dataDir}/ssh`] : [])];
  return {
    keys: keys.map((p) => normalize(p)),
    pki: ["/etc/pki", normalize(`${home}/.pki`)],
    testNodes,
  };
}

// Local and remote QEMU drivers, written lower-case. test:// is libvirt's built-in test driver
// (demos and tests). No `ext`: its `command` is a program run as KVM Manager's user.
const SCHEMES = new Set([
  "qemu",
  "qemu+ssh",
  "qemu+libssh",
  "qemu+libssh2",
  "qemu+tls",
  "qemu+tcp",
  "qemu+unix",
  "test",
]);

// The sockets of libvirt's own daemons, on this machine (qemu+unix://) or on the far host (the
// ssh transports): the monolithic libvirtd's, virtqemud's and virtproxyd's, read-write and
// read-only, under /run and the /var/run that links to it. Any other path could be another
// program's socket speaking as libvirtd.
const SOCKET_NAMES = ["libvirt", "virtqemud", "virtproxyd"].flatMap((daemon) =>
  ["sock", "sock-ro"].map((kind) => `${daemon}-${kind}`)
);
const DAEMON_SOCKETS = new Set(
  ["/run/libvirt", "/var/run/libvirt"].flatMap((dir) => SOCKET_NAMES.map((n) => `${dir}/${n}`)),
);

// Parameters naming a program libvirt runs: `command` runs on this machine as KVM Manager's
// user (root), `netcat` on the far host in the ssh session. ssh's own settings (another
// ssh_config, a jump host, known hosts) go in the service user's ~/.ssh/config instead.
// Each refusal is one sentence, naming the parameter as it was written (`{{key}}`).
const REFUSED: Record<string, string> = {
  command: tKey(
    "URI parameter \"{{key}}\" is refused: it runs any program as KVM Manager's user (root) on this machine. Set ssh options (a jump host, another config, known hosts) in the service user's ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=",
  ),
  netcat: tKey(
    'URI parameter "{{key}}" is refused: it runs a program of its choosing on the far host. Set ssh options (a jump host, another config, known hosts) in the service user\'s ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=',
  ),
};

/** What is wrong with one parameter's value; null when it keeps the rules. */
type ValueRule = (value: string, name: string, places: UriPlaces) => string | null;

const oneOf = (...values: string[]): ValueRule => (value, name) =>
  values.includes(value)
    ? null
    : t('URI parameter "{{key}}" takes {{values}}', { key: name, values: values.join(", ") });

// The remote driver's parameters a host URI may carry, by the name libvirt compares
// (lower-case), each with its rule. Any other name is refused, `name` (another URI for the far
// daemon) and `authfile` included.
const PARAMS: Record<string, ValueRule> = {
  keyfile: (value, name, places) => fileIssue(value, name, places.keys, "key"),
  known_hosts: (value, name, places) => fileIssue(value, name, places.keys, "known_hosts"),
  known_hosts_verify: oneOf("normal", "auto", "ignore"),
  no_verify: oneOf("0", "1"),
  no_tty: oneOf("0", "1"),
  sshauth: (value, name) =>
    value.split(",").every((m) =>
        ["agent", "privkey", "password", "keyboard-interactive"].includes(m)
      )
      ? null
      : t('URI parameter "{{key}}" takes a comma-separated list of {{values}}', {
        key: name,
        values: "agent, privkey, password, keyboard-interactive",
      }),
  pkipath: (value, name, places) => pkiIssue(value, name, places.pki),
  socket: (value, name) =>
    DAEMON_SOCKETS.has(value) ? null : t(
      'URI parameter "{{key}}" may only name a libvirt daemon\'s socket in /run/libvirt/ or /var/run/libvirt/: {{sockets}}',
      { key: name, sockets: SOCKET_NAMES.join(", ") },
    ),
  proxy: oneOf("auto", "netcat", "native"),
  mode: oneOf("auto", "legacy", "direct"),
  tls_priority: () => null,
};

const noUri = () => t("Give the libvirt URI, e.g. qemu+ssh://root@host.example/system");

/**
 * What keeps libvirt from opening a (trimmed) URI unattended, or makes it more than a way to
 * reach a libvirt daemon: null when none. `places` are where files named in it may be.
 */
export function uriIssue(text: string, places: UriPlaces): string | null {
  if (!text) return noUri();
  if (text.length > 1024 || /[\p{Cc}\s]/u.test(text)) {
    return t("The URI has at most 1024 characters and no spaces or control characters");
  }
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) return syntaxIssue(parsed.problem, text);
  const uri = parsed.uri;
  if (!SCHEMES.has(uri.scheme)) {
    return t(
      'Unsupported URI scheme "{{scheme}}": use qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://',
      { scheme: uri.scheme },
    );
  }
  if (uri.user?.includes(":")) {
    return t(
      "Put no password in the URI: host URIs are stored and shown as typed. Use an SSH key (keyfile=/path, or ssh-agent) or TLS client certificates",
    );
  }
  if (uri.driver === "qemu" && !/^\/(system|session)$/.test(uri.path)) {
    return t("A QEMU URI ends in /system or /session");
  }
  if (uri.scheme === "test") {
    const issue = testIssue(uri, places);
    if (issue) return issue;
  }
  return nameIssue(uri) ?? paramsIssue(uri, places);
}

/** The host and user as ssh gets them: never an option, and plain names. */
function nameIssue(uri: LibvirtUri): string | null {
  // ssh reads an argument starting with '-' as an option (-oProxyCommand=… runs a program).
  if (uri.host?.startsWith("-") || uri.user?.startsWith("-")) {
    return t("The URI's host and user names cannot start with '-'");
  }
  const plainHost = /^([A-Za-z0-9._~-]*|\[[0-9A-Fa-f:.]+\])$/.test(uri.rawHost);
  if (!plainHost || (uri.user !== null && !/^[A-Za-z0-9._~-]+$/.test(uri.user))) {
    return t(
      "The URI's host is a name or an address (letters, digits, '.', '-', '_', or an IPv6 address in [ ]) and its user name has letters, digits, '.', '-' and '_' only",
    );
  }
  return null;
}

function paramsIssue(uri: LibvirtUri, places: UriPlaces): string | null {
  // Every occurrence is checked, not only the last one libvirt uses: a URI whose meaning hangs
  // on which of two values wins is not one to keep.
  for (const { name, key, value } of uri.params) {
    const refused = REFUSED[key];
    if (refused) return t(refused, { key: name });
    const rule = PARAMS[key];
    if (!rule) {
      return t('URI parameter "{{key}}" is not accepted (allowed: {{allowed}})', {
        key: name,
        allowed: Object.keys(PARAMS).join(", "),
      });
    }
    const issue = rule(value, name, places);
    if (issue) return issue;
  }
  return null;
}

function syntaxIssue(problem: UriSyntaxProblem, text: string): string {
  switch (problem.kind) {
    case "separators":
      return t("Separate the URI's parameters with & or with ;, not both");
    case "empty-name":
      return t('Each URI parameter needs a name before its "="');
    case "fragment":
      return t('A libvirt URI has no "#" part');
    case "percent":
      return t('A "%" in the URI starts a percent code such as %2F (two hex digits)');
    case "character":
      return t('The URI cannot hold "{{char}}" as written: percent-encode it', {
        char: problem.char,
      });
    case "port":
      return t("The URI's port is a number from 1 to 65535");
    case "decoded":
      return t("The URI's percent codes must stand for printable UTF-8 text");
    case "form":
      return t("Not a libvirt URI: {{uri}}", { uri: text });
  }
}

/** An absolute path with no '.' or '..' part and no doubled '/', as written. */
function plainPathIssue(value: string, name: string): string | null {
  if (!isAbsolute(value)) return t("{{key}} must be an absolute path", { key: name });
  if (normalize(value) !== value || value.endsWith("/")) {
    return t('{{key}} must be a plain absolute path (no ".", ".." or "//")', { key: name });
  }
  return null;
}

/** Whether `path` is inside `folder` (both resolved already), the folder itself excluded. */
const inside = (path: string, folder: string) => path.startsWith(`${folder}/`);

/** The real path of `path` (links resolved), or null when it does not exist. */
function realOf(path: string): string | null {
  try {
    return Deno.realPathSync(path);
  } catch {
    return null;
  }
}

// What libssh and libssh2 write with known_hosts_verify=auto: the known_hosts file, a host key
// appended (libssh) or the file rewritten (libssh2), created when missing. So known_hosts= names
// only a file called known_hosts…, never ~/.ssh/config, authorized_keys, a key, or a new ~/.ssh/rc
// (sshd runs it at every login), also once links are resolved, and a file with no other (hard)
// link. libvirt only reads keyfile= (and KEYFILE.pub): a key is never one of ssh's own files.
const KNOWN_HOSTS_NAME = /^known_hosts[A-Za-z0-9._-]*$/;
const SSH_OWN_FILE = /^(known_hosts.*|config|authorized_keys.*|rc|environment)$/;

/**
 * `keyfile` and `known_hosts`: a file in one of `folders`, as written and once links are
 * resolved. A key must exist, be a regular file and be readable by its owner only (ssh refuses it
 * otherwise), and is not one of ssh's own files; a known_hosts file is called known_hosts… and may
 * be missing (libssh writes it with known_hosts_verify=auto), but its folder must be there.
 */
function fileIssue(
  value: string,
  name: string,
  folders: string[],
  kind: "key" | "known_hosts",
): string | null {
  const plain = plainPathIssue(value, name);
  if (plain) return plain;
  const outside = () =>
    t('URI parameter "{{key}}" must name a file in {{folders}} (links are followed)', {
      key: name,
      folders: folders.join(", "),
    });
  const misnamed = (path: string) =>
    kind === "known_hosts"
      ? !KNOWN_HOSTS_NAME.test(basename(path)) &&
        t(
          'URI parameter "{{key}}" must name a file called known_hosts (or known_hosts2, known_hosts.NAME) in {{folders}}, also once links are followed: libssh writes host keys to it',
          { key: name, folders: folders.join(", ") },
        )
      : SSH_OWN_FILE.test(basename(path)) &&
        t('URI parameter "{{key}}" names ssh\'s own file "{{file}}", not a private key', {
          key: name,
          file: basename(path),
        });
  const folder = folders.find((f) => inside(value, f));
  if (!folder) return outside();
  const badName = misnamed(value);
  if (badName) return badName;
  const realFolder = realOf(folder);
  const real = realOf(value);
  if (kind === "known_hosts" && real === null) {
    // Missing: libssh creates it. A link leading nowhere is not missing: writing through it
    // would create the file it names.
    if (lstatOf(value)) return outside();
    const parent = realOf(dirname(value));
    return realFolder && parent && (parent === realFolder || inside(parent, realFolder))
      ? null
      : outside();
  }
  if (real === null) return keyFileIssue(value);
  if (!realFolder || !inside(real, realFolder)) return outside();
  const badRealName = misnamed(real);
  if (badRealName) return badRealName;
  if (kind === "key") return keyFileIssue(real, value);
  const info = Deno.statSync(real);
  if (!info.isFile) return t("The known_hosts file {{path}} is not a file", { path: value });
  if ((info.nlink ?? 1) > 1) {
    return t(
      "The known_hosts file {{path}} has other names (hard links), which libssh would write to as well: give it a file of its own",
      { path: value },
    );
  }
  return null;
}

/** lstat of `path` (the link itself, not what it names), or null when nothing is there. */
function lstatOf(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * test:// is libvirt's test driver on this machine: test:///default, its built-in demo, or, on a
 * server that runs on the test driver itself (places.testNodes), a node file test:///PATH.xml.
 * Any other path would be read by the driver as the server's user, its first lines quoted in the
 * connection error (https://libvirt.org/drvtest.html). A host in it would hand the URI to the
 * remote driver, which opens it on that host.
 */
function testIssue(uri: LibvirtUri, places: UriPlaces): string | null {
  const local = uri.rawHost === "" && uri.user === null && uri.port === null;
  if (local && uri.path === "/default") return null;
  if (!places.testNodes) {
    return t("A test:// URI may only be test:///default, libvirt's built-in demo");
  }
  const nodeFile = () =>
    t(
      "A test:// URI is test:///default or test:///PATH.xml, an existing test driver node file (links are followed)",
    );
  if (!local || plainPathIssue(uri.path, "test://") || !uri.path.endsWith(".xml")) {
    return nodeFile();
  }
  const real = realOf(uri.path);
  return real && real.endsWith(".xml") && Deno.statSync(real).isFile ? null : nodeFile();
}

/** `pkipath`: an existing folder under one of `folders`, as written and once links are resolved. */
function pkiIssue(value: string, name: string, folders: string[]): string | null {
  const plain = plainPathIssue(value, name);
  if (plain) return plain;
  const outside = () =>
    t('URI parameter "{{key}}" must name a folder under {{folders}} (links are followed)', {
      key: name,
      folders: folders.join(", "),
    });
  const folder = folders.find((f) => inside(value, f));
  if (!folder) return outside();
  const real = realOf(value);
  const realFolder = realOf(folder);
  if (!real || !realFolder) {
    return t("The folder {{path}} does not exist", { path: value });
  }
  if (!inside(real, realFolder)) return outside();
  return Deno.statSync(real).isDirectory ? null : t("{{path}} is not a folder", { path: value });
}

/**
 * A private key must exist, be a regular file and be readable by its owner only (ssh refuses it
 * otherwise). `real` is read; `shown` is the path as the URI wrote it.
 */
function keyFileIssue(real: string, shown = real): string | null {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(real);
  } catch (err) {
    return t("Cannot read the key file {{path}}: {{reason}}", {
      path: shown,
      reason: String((err as Error).message),
    });
  }
  if (!info.isFile) return t("The key file {{path}} is not a file", { path: shown });
  if ((info.mode ?? 0) & 0o077) {
    return t(
      "The key file {{path}} can be read by other users: make it readable by the service user only (chmod 600 {{path}})",
      { path: shown },
    );
  }
  return null;
}
