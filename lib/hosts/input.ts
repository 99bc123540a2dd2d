// Checks `POST /api/hosts` at the boundary: a name, and a libvirt URI of a transport we can use
// from a service with no terminal and no stored passwords.

import { z } from "zod";
import { type IssueCodes, validated } from "../validate.ts";
import { nameIssue } from "../../shared/names.ts";
import { ALL_HOSTS, type HostInput, LOCAL_HOST } from "../../shared/hosts.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

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
// Each refusal is one sentence, naming the parameter as it was written (`{{key}}`).
const REFUSED: Record<string, string> = {
  command: tKey(
    "URI parameter \"{{key}}\" is refused: it runs any program as KVM Manager's user (root) on this machine. Set ssh options (a jump host, another config, known hosts) in the service user's ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=",
  ),
  netcat: tKey(
    'URI parameter "{{key}}" is refused: it runs a program of its choosing on the far host. Set ssh options (a jump host, another config, known hosts) in the service user\'s ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=',
  ),
};

/** The id `?host=` takes for a name: lower-case letters, digits and dashes. */
export function hostIdOf(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}

/** Every problem of a host body is refused with INVALID_HOST. */
export const HOST_CODES: IssueCodes = { code: "INVALID_HOST" };

/** A rule that computes its words from the value: null when the value keeps it. */
const ruled =
  (issue: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
    const message = issue(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };

const noName = () => t("Give the host a name");
const noUri = () => t("Give the libvirt URI, e.g. qemu+ssh://root@host.example/system");

/** A libvirt URI we can open unattended, trimmed (see uriIssue). */
const HostUri = z.string({ error: noUri }).trim().superRefine(ruled(uriIssue)).meta({
  description: "A libvirt URI: qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://, no password",
});

/** The body of `POST /api/hosts`. */
export const HostBody = z.object({
  name: z.string({ error: noName }).trim().superRefine(ruled(hostNameIssue)).meta({
    description: "Shown in the host list; its id (`?host=`) is made from it",
  }),
  uri: HostUri,
}, { error: () => t('Body must be a JSON object like {"name": "rack-2", "uri": "qemu+ssh://…"}') });

/** What is wrong with a (trimmed) host name, its id included. */
function hostNameIssue(name: string): string | null {
  if (!name) return noName();
  const issue = nameIssue("host", name);
  if (issue) return issue;
  const id = hostIdOf(name);
  if (!id) return t("A host name needs at least one letter or digit");
  if (id === LOCAL_HOST || id === ALL_HOSTS) {
    return t('"{{name}}" is reserved: choose another name', { name });
  }
  return null;
}

/** A valid host input or 400 INVALID_HOST with what is wrong, in the user's words. */
export function checkHostInput(input: unknown): HostInput & { id: string } {
  const { name, uri } = validated(HostBody, input, HOST_CODES);
  return { id: hostIdOf(name), name, uri };
}

/** The URI as given, when libvirt can open it unattended and it carries no password. */
export function checkUri(uri: unknown): string {
  return validated(HostUri, uri, HOST_CODES);
}

/** What keeps libvirt from opening a (trimmed) URI unattended, or a password in it. */
function uriIssue(text: string): string | null {
  if (!text) return noUri();
  if (text.length > 1024 || /[\p{Cc}\s]/u.test(text)) {
    return t("The URI has at most 1024 characters and no spaces or control characters");
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return t("Not a libvirt URI: {{uri}}", { uri: text });
  }
  const scheme = url.protocol.slice(0, -1);
  if (!SCHEMES.has(scheme)) {
    return t(
      'Unsupported URI scheme "{{scheme}}": use qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://',
      { scheme },
    );
  }
  if (url.password) {
    return t(
      "Put no password in the URI: KVM Manager does not store secrets. Use an SSH key (keyfile=/path, or ssh-agent) or TLS client certificates",
    );
  }
  if (scheme.startsWith("qemu") && !/^\/(system|session)$/.test(url.pathname)) {
    return t("A QEMU URI ends in /system or /session");
  }
  // ssh reads an argument starting with '-' as an option (-oProxyCommand=… runs a program).
  if (/^(-|%2d)/i.test(url.hostname) || /^(-|%2d)/i.test(url.username)) {
    return t("The URI's host and user names cannot start with '-'");
  }
  for (const [key, value] of url.searchParams) {
    const refused = REFUSED[key.toLowerCase()];
    if (refused) return t(refused, { key });
    if (!PARAMS.has(key)) {
      return t('URI parameter "{{key}}" is not accepted (allowed: {{allowed}})', {
        key,
        allowed: [...PARAMS].join(", "),
      });
    }
    if (["keyfile", "known_hosts", "pkipath"].includes(key) && !value.startsWith("/")) {
      return t("{{key}} must be an absolute path", { key });
    }
  }
  const keyfile = url.searchParams.get("keyfile");
  return keyfile ? keyFileIssue(keyfile) : null;
}

/** A private key must exist and be readable by its owner only (ssh refuses it otherwise). */
function keyFileIssue(path: string): string | null {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (err) {
    return t("Cannot read the key file {{path}}: {{reason}}", {
      path,
      reason: String((err as Error).message),
    });
  }
  if (!info.isFile) return t("The key file {{path}} is not a file", { path });
  if ((info.mode ?? 0) & 0o077) {
    return t(
      "The key file {{path}} can be read by other users: make it readable by the service user only (chmod 600 {{path}})",
      { path },
    );
  }
  return null;
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
