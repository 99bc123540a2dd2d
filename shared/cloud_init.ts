// Cloud-init settings the wizard and the server both check: the rules for host names, users,
// password hashes, SSH keys and raw user-data (the seed itself is built in lib/cloud_init/seed.ts).

import type { CloudInitConfig, CloudInitNetwork } from "./vms.ts";
import { t } from "./i18n/t.ts";
import { parseIpv4 } from "./ipv4.ts";
import { isIpv6 } from "./ipv6.ts";

/** One problem with a field, named like "cloudInit.hostname". */
export interface CloudInitIssue {
  field: string;
  message: string;
}

const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
// crypt(3) prefixes: md5, sha-256, sha-512, yescrypt, bcrypt, gost-yescrypt, scrypt.
const PASSWORD_HASH = /^\$(1|5|6|y|2b|2y|gy|7)\$[^\s:]+$/;
const SSH_KEY =
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+\/=]+( [^\r\n]*)?$/;
const USER_DATA_HEADERS = [
  "#cloud-config",
  "#!",
  "#include",
  "#cloud-boothook",
  "#part-handler",
  "Content-Type: multipart",
];
const MAX_USER_DATA = 64 * 1024;
/**
 * The longest password taken in clear, in UTF-8 bytes: the guest's crypt(3) (libxcrypt) refuses
 * a passphrase of 512 bytes or more, so a longer one could never sign in.
 */
export const MAX_PASSWORD_BYTES = 511;
/** The API's bound on the field's characters, before the check above can count bytes. */
export const MAX_PASSWORD_INPUT = 2048;

// Forms send "" for an untouched field, so an empty string counts as not given.
export const given = (v: unknown) => v !== undefined && v !== null && v !== "";
// Pasted keys often carry a trailing newline or "\r"; both validation and output trim them.
export const keysOf = (ci: CloudInitConfig) =>
  Array.isArray(ci.sshKeys) ? ci.sshKeys.map((k) => typeof k === "string" ? k.trim() : k) : [];

/** Whether `name` is an RFC 1123 host name (dot-separated labels, at most 253 characters). */
export function isHostname(name: string): boolean {
  return name.length <= 253 && name.split(".").every((l) => LABEL.test(l));
}

/**
 * Checks a CloudInitConfig and returns every problem found (empty when it is fine).
 * Empty strings and an empty key list count as not given.
 */
export function validateCloudInit(ci: CloudInitConfig): CloudInitIssue[] {
  const issues: CloudInitIssue[] = [];
  const add = (field: string, message: string) =>
    issues.push({ field: `cloudInit.${field}`, message });
  const { hostname, user, password, passwordHash, sshKeys, userData } = ci;
  if (ci.network !== undefined && ci.network !== null) {
    for (const [field, message] of networkIssues(ci.network)) add(`network.${field}`, message);
  }

  if (given(hostname) && (typeof hostname !== "string" || !isHostname(hostname))) {
    add("hostname", t("Invalid hostname: {{hostname}}", { hostname: String(hostname) }));
  }
  if (given(user) && (typeof user !== "string" || !USER.test(user) || user === "root")) {
    add(
      "user",
      t(
        "Invalid user name: {{user}} (lowercase letters, digits, - and _, up to 32 characters)",
        { user: String(user) },
      ),
    );
  }
  if (given(password)) {
    if (
      typeof password !== "string" || password.length > MAX_PASSWORD_BYTES * 4 ||
      new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES ||
      // deno-lint-ignore no-control-regex
      /[\x00-\x1f\x7f]/.test(password)
    ) {
      add(
        "password",
        t(
          "A password is at most {{max}} bytes (a letter outside ASCII takes 2 to 4), without line breaks or control characters",
          { max: MAX_PASSWORD_BYTES },
        ),
      );
    }
    if (!given(user)) add("password", t("A password needs a user"));
    if (given(passwordHash)) add("password", t("Give a password or a password hash, not both"));
  }
  if (given(passwordHash)) {
    if (typeof passwordHash !== "string" || !PASSWORD_HASH.test(passwordHash)) {
      add(
        "passwordHash",
        t(
          'Invalid password hash: give a crypt(3) hash such as the output of "mkpasswd -m sha-512", never a clear-text password',
        ),
      );
    }
    if (!given(user)) add("passwordHash", t("A password hash needs a user"));
  }
  if (given(sshKeys) && !Array.isArray(sshKeys)) {
    add("sshKeys", t("SSH keys must be a list of public keys"));
  }
  keysOf(ci).forEach((key, i) => {
    if (typeof key !== "string" || !SSH_KEY.test(key)) {
      add(
        "sshKeys",
        t("Invalid SSH public key #{{n}}: {{start}}…", {
          n: i + 1,
          start: String(key).slice(0, 30),
        }),
      );
    }
  });
  if (given(userData)) {
    if (
      typeof userData !== "string" || !USER_DATA_HEADERS.some((h) => userData.startsWith(h))
    ) {
      add(
        "userData",
        t("user-data must start with #cloud-config, #! or another cloud-init header"),
      );
    } else if (new TextEncoder().encode(userData).length > MAX_USER_DATA) {
      add("userData", t("user-data must be at most 64 KiB"));
    }
    if (given(user) || given(password) || given(passwordHash) || keysOf(ci).length > 0) {
      add(
        "userData",
        t("Give either raw user-data or user, password and SSH keys, not both"),
      );
    }
  }
  return issues;
}

/** The most addresses, DNS servers and search domains a network-config here carries. */
export const NETWORK_LIMITS = { addresses: 16, dns: 8, search: 6 } as const;

/** "192.168.1.50/24" → 4, "2001:db8::5/64" → 6; null when it is neither with a valid prefix. */
export function addressFamily(cidr: string): 4 | 6 | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return null;
  const prefix = Number(m[2]);
  if (parseIpv4(m[1]) !== null) return prefix >= 1 && prefix <= 32 ? 4 : null;
  return isIpv6(m[1]) && prefix >= 1 && prefix <= 128 ? 6 : null;
}

const isAddress = (a: unknown) => typeof a === "string" && (parseIpv4(a) !== null || isIpv6(a));

/** The problems of a static network setup, as [field, message] (field below "network."). */
function networkIssues(net: CloudInitNetwork): [string, string][] {
  const issues: [string, string][] = [];
  const list = (v: unknown) => Array.isArray(v) ? v : [];
  const addresses = list(net.addresses);
  if (addresses.length === 0 || addresses.length > NETWORK_LIMITS.addresses) {
    issues.push([
      "addresses",
      t("Static addresses: give 1 to {{max}}, each with its prefix, e.g. 192.168.1.50/24", {
        max: NETWORK_LIMITS.addresses,
      }),
    ]);
  }
  const families = new Set<number>();
  for (const a of addresses) {
    const family = typeof a === "string" ? addressFamily(a) : null;
    if (family === null) {
      issues.push([
        "addresses",
        t(
          "Invalid address {{address}}: an IPv4 or IPv6 address with its prefix, e.g. 192.168.1.50/24",
          {
            address: String(a),
          },
        ),
      ]);
    } else families.add(family);
  }
  for (const [key, family] of [["gateway4", 4], ["gateway6", 6]] as const) {
    const gw = net[key];
    if (!given(gw)) continue;
    const ok = typeof gw === "string" && (family === 4 ? parseIpv4(gw) !== null : isIpv6(gw));
    if (!ok) {
      issues.push([
        key,
        t("Invalid IPv{{family}} gateway: {{gateway}}", { family, gateway: String(gw) }),
      ]);
    } else if (!families.has(family)) {
      issues.push([key, t("An IPv{{family}} gateway needs an IPv{{family}} address", { family })]);
    }
  }
  const dns = list(net.dns);
  if (dns.length > NETWORK_LIMITS.dns || dns.some((d) => !isAddress(d))) {
    issues.push([
      "dns",
      t("DNS servers: at most {{max}} IPv4 or IPv6 addresses", { max: NETWORK_LIMITS.dns }),
    ]);
  }
  const search = list(net.search);
  if (
    search.length > NETWORK_LIMITS.search ||
    search.some((d) => typeof d !== "string" || !isHostname(d))
  ) {
    issues.push([
      "search",
      t("Search domains: at most {{max}} domain names", { max: NETWORK_LIMITS.search }),
    ]);
  }
  return issues;
}

/**
 * A host name derived from a VM name, for when no hostname is configured: libvirt allows
 * names ("web_1", "my vm") that a guest's hostnamectl would refuse.
 */
export function hostnameFromVmName(vmName: string): string {
  const label = vmName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+/, "")
    .slice(0, 63).replace(/-+$/, "");
  return label || "localhost";
}
