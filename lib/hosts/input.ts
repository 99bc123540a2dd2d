// Checks `POST /api/hosts` at the boundary: a name, and a libvirt URI of a transport we can use
// from a service with no terminal and no stored passwords.

import { AppError } from "../errors.ts";
import { nameIssue } from "../../shared/names.ts";
import { ALL_HOSTS, type HostInput, LOCAL_HOST } from "../../shared/hosts.ts";

const invalid = (message: string) => new AppError("INVALID_HOST", message);

// Local and remote QEMU drivers. test:// is libvirt's built-in test driver (demos and tests).
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

// URI parameters of libvirt's remote driver that say how to reach the daemon
// (https://libvirt.org/uri.html#remote-uris). Parameters that name a program to run are in
// REFUSED instead; libvirt compares names without case, so every name is compared lower-cased.
const PARAMS = new Set([
  "keyfile",
  "known_hosts",
  "known_hosts_verify",
  "no_verify",
  "no_tty",
  "sshauth",
  "pkipath",
  "socket",
  "proxy",
  "mode",
  "tls_priority",
]);

// Parameters naming a program libvirt runs: `command` runs on this machine as KVM Manager's
// user (root), `netcat` on the far host in the ssh session. A URI must not be a way to run
// programs; ssh's own settings (another ssh_config, a jump host, known hosts) go in the service
// user's ~/.ssh/config instead.
const REFUSED: Record<string, string> = {
  command: "runs any program as KVM Manager's user (root) on this machine",
  netcat: "runs a program of its choosing on the far host",
};
const INSTEAD = "Set ssh options (a jump host, another config, known hosts) in the service " +
  "user's ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// " +
  "with known_hosts=";

/** The id `?host=` takes for a name: lower-case letters, digits and dashes. */
export function hostIdOf(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}

/** A valid host input or 400 INVALID_HOST with what is wrong, in the user's words. */
export function checkHostInput(input: unknown): HostInput & { id: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid('Body must be a JSON object like {"name": "rack-2", "uri": "qemu+ssh://…"}');
  }
  const { name, uri } = input as Record<string, unknown>;
  if (typeof name !== "string" || !name.trim()) throw invalid("Give the host a name");
  const trimmed = name.trim();
  const issue = nameIssue("host", trimmed);
  if (issue) throw invalid(issue);
  const id = hostIdOf(trimmed);
  if (!id) throw invalid("A host name needs at least one letter or digit");
  if (id === LOCAL_HOST || id === ALL_HOSTS) {
    throw invalid(`"${trimmed}" is reserved: choose another name`);
  }
  return { id, name: trimmed, uri: checkUri(uri) };
}

/** The URI as given, when libvirt can open it unattended and it carries no password. */
export function checkUri(uri: unknown): string {
  if (typeof uri !== "string" || !uri.trim()) {
    throw invalid("Give the libvirt URI, e.g. qemu+ssh://root@host.example/system");
  }
  const text = uri.trim();
  if (text.length > 1024 || /[\p{Cc}\s]/u.test(text)) {
    throw invalid("The URI has at most 1024 characters and no spaces or control characters");
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`Not a libvirt URI: ${text}`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (!SCHEMES.has(scheme)) {
    throw invalid(
      `Unsupported URI scheme "${scheme}": use qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://`,
    );
  }
  if (url.password) {
    throw invalid(
      "Put no password in the URI: KVM Manager does not store secrets. Use an SSH key " +
        "(keyfile=/path, or ssh-agent) or TLS client certificates",
    );
  }
  if (scheme.startsWith("qemu") && !/^\/(system|session)$/.test(url.pathname)) {
    throw invalid("A QEMU URI ends in /system or /session");
  }
  // ssh reads an argument starting with '-' as an option (-oProxyCommand=… runs a program).
  if (/^(-|%2d)/i.test(url.hostname) || /^(-|%2d)/i.test(url.username)) {
    throw invalid("The URI's host and user names cannot start with '-'");
  }
  for (const [key, value] of url.searchParams) {
    const why = REFUSED[key.toLowerCase()];
    if (why) {
      throw invalid(`URI parameter "${key}" is refused: it ${why}. ${INSTEAD}`);
    }
    if (!PARAMS.has(key)) {
      throw invalid(`URI parameter "${key}" is not accepted (allowed: ${[...PARAMS].join(", ")})`);
    }
    if (["keyfile", "known_hosts", "pkipath"].includes(key) && !value.startsWith("/")) {
      throw invalid(`${key} must be an absolute path`);
    }
  }
  const keyfile = url.searchParams.get("keyfile");
  if (keyfile) checkKeyFile(keyfile);
  return text;
}

/** A private key must exist and be readable by its owner only (ssh refuses it otherwise). */
function checkKeyFile(path: string) {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (err) {
    throw invalid(`Cannot read the key file ${path}: ${(err as Error).message}`);
  }
  if (!info.isFile) throw invalid(`The key file ${path} is not a file`);
  if ((info.mode ?? 0) & 0o077) {
    throw invalid(
      `The key file ${path} can be read by other users: make it readable by the service ` +
        `user only (chmod 600 ${path})`,
    );
  }
}

/**
 * The URI as libvirt opens it: an SSH transport gets `no_tty=1`, so a missing key makes the
 * connection fail with ssh's words instead of asking for a password on the server's terminal.
 */
export function openableUri(uri: string): string {
  const url = new URL(uri);
  if (!url.protocol.startsWith("qemu+ssh") || url.searchParams.has("no_tty")) return uri;
  return `${uri}${url.search ? "&" : "?"}no_tty=1`;
}
