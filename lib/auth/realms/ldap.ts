// A directory realm's reads (LDAP, Active Directory) through ldapts, loaded on first use: a
// sign-in (find the user, bind as them with their password, read their groups), a token owner's
// groups (no password: the realm's bind DN or an anonymous search), and a preview of who the role
// map lets in. Each opens a connection of its own, protected as the realm says, and closes it.
// Every failure is one sentence (DirectoryError); no password is ever part of one.

import type { Client } from "ldapts";
import type * as tls from "node:tls";
import { t } from "../../../shared/i18n/t.ts";
import type { LdapRealmConfig } from "../../../shared/realms.ts";
import { isPlainName } from "./input.ts";

/** Why a directory could not answer: its connection, its certificate, or the directory itself. */
export type DirectoryFailure = "unreachable" | "tls" | "error";

export class DirectoryError extends Error {
  constructor(readonly failure: DirectoryFailure, message: string) {
    super(message);
  }
}

/** A user the directory found, with the names of the groups they are in. */
export interface DirectoryUser {
  /** The sign-in attribute as the directory spells it (the name the account is keyed by). */
  name: string;
  dn: string;
  groups: string[];
}

/** How a sign-in ended: the user, or which of the two refusals the caller hears alike. */
export type DirectorySignIn =
  | { ok: true; user: DirectoryUser }
  | { ok: false; reason: "no-such-user" | "ambiguous" | "bad-password" };

/** The largest CA file read. */
const MAX_CA_FILE = 1024 * 1024;

/** The most groups one search reads (a user's, or those the role map names). */
const MAX_GROUPS = 1000;

/** The most group members a preview reads. */
export const PREVIEW_LIMIT = 500;

/** Node's TLS verification codes that say the certificate is not trusted or not for this host. */
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME/;
/** Node's network codes of a directory that cannot be reached. */
const NET_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/;

/**
 * The LDAP result codes (RFC 4511, 4.1.9) a misconfigured realm meets, in words; ldapts says only
 * "Code: 0x20".
 */
const LDAP_RESULTS: Record<number, () => string> = {
  4: () =>
    t("more than {{max}} groups answer: narrow groupBase or groupFilter", { max: MAX_GROUPS }),
  8: () => t("the directory requires a stronger sign-in: use StartTLS or LDAPS"),
  13: () => t("the directory requires TLS: use StartTLS or LDAPS"),
  32: () => t("no such entry: the base DN is wrong, or the searching account may not read it"),
  50: () => t("the searching account may not read it"),
  51: () => t("the directory is busy"),
  52: () => t("the directory is unavailable"),
  53: () => t("the directory is unwilling to do it"),
};

/** The sentence for a failure of `config`'s directory, classed. */
function directoryError(err: unknown, config: LdapRealmConfig): DirectoryError {
  if (err instanceof DirectoryError) return err;
  const e = err as { code?: string | number; message?: string; name?: string };
  const known = typeof e.code === "number" ? LDAP_RESULTS[e.code] : undefined;
  const reason = known ? known() : String(e.message ?? err).split("\n")[0].trim();
  const code = String(e.code ?? "");
  if (/EXPIRED|NOT_YET_VALID/.test(code) || /expired|not yet valid/i.test(reason)) {
    return new DirectoryError(
      "tls",
      t(
        "The directory's certificate has expired or is not valid yet ({{reason}}): check the certificate, and this host's clock and the directory's",
        { reason },
      ),
    );
  }
  if (
    CERT_CODES.test(code) || /certificate|UnknownIssuer|NotValidForName|handshake/i.test(reason)
  ) {
    return new DirectoryError(
      "tls",
      t(
        "The directory's certificate is not trusted ({{reason}}): give the CA that signed it in caFile, and check that url names a host the certificate is for",
        { reason },
      ),
    );
  }
  if (NET_CODES.test(code) || /timeout|timed out|Socket error|closed/i.test(reason)) {
    return new DirectoryError(
      "unreachable",
      t("The directory at {{url}} cannot be reached: {{reason}}", { url: config.url, reason }),
    );
  }
  return new DirectoryError(
    "error",
    t("The directory answered with an error: {{reason}}", { reason }),
  );
}

const isInvalidCredentials = (err: unknown) =>
  (err as { code?: number; name?: string }).code === 49 ||
  (err as { name?: string }).name === "InvalidCredentialsError";

/**
 * The host an ldap(s):// URL names, without brackets (the name its certificate must hold), and
 * its port (389 and 636 unless given).
 */
function hostOf(url: string): { host: string; port: number } {
  const host = new URL(url.replace(/^ldaps?:/, "http:")).hostname.replace(/^\[|\]$/g, "");
  const port = /:(\d+)\/?$/.exec(url)?.[1];
  return { host, port: port ? Number(port) : url.startsWith("ldaps:") ? 636 : 389 };
}

/**
 * A connection to the directory, protected as `config` says. A connection that drops is never
 * opened again behind our back: ldapts would reconnect in clear (before StartTLS) and unbound,
 * and the next step may be a user's password.
 */
async function connect(config: LdapRealmConfig): Promise<Client> {
  // Loaded here, not at start: a server without realms never holds them.
  const [{ Client }, { default: net }, { default: nodeTls }] = await Promise.all([
    import("ldapts"),
    import("node:net"),
    import("node:tls"),
  ]);
  let ca: string[] | undefined;
  if (config.caFile) {
    try {
      const info = await Deno.stat(config.caFile);
      // A CA bundle is kilobytes: never read a device or a huge file whole.
      if (!info.isFile || info.size > MAX_CA_FILE) {
        throw new Error(t("not a file of at most 1 MiB"));
      }
      ca = [await Deno.readTextFile(config.caFile)];
    } catch (err) {
      throw new DirectoryError(
        "tls",
        t("The CA file {{file}} cannot be read: {{reason}}", {
          file: config.caFile,
          reason: (err as Error).message,
        }),
      );
    }
  }
  const { host, port } = hostOf(config.url);
  const tlsOptions: tls.ConnectionOptions = {
    ca,
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
    // SNI takes a name, never an address.
    ...(net.isIP(host) ? {} : { servername: host }),
  };
  let opened = 0;
  const once = () => {
    if (opened++ > 0) throw new Error("the connection to the directory closed");
  };
  const ms = config.timeoutSeconds * 1000;
  // StartTLS is made before ldapts sees the connection (start_tls.ts says why).
  const upgraded = config.security === "starttls"
    ? await (await import("./start_tls.ts")).connectStartTls(host, port, {
      caCerts: ca,
      timeoutMs: ms,
    })
    : null;
  const socketOf = upgraded ? (await import("./start_tls.ts")).socketOf : null;
  return new Client({
    url: config.url,
    timeout: ms,
    connectTimeout: ms,
    // Only for ldaps://: ldapts takes any TLS option as "TLS from the first byte".
    ...(config.security === "ldaps" ? { tlsOptions } : {}),
    createConnection: ((p: number, h: string) => {
      once();
      return upgraded ? socketOf!(upgraded) : net.connect(p, h);
    }) as typeof net.connect,
    createSecureConnection: ((...args: Parameters<typeof nodeTls.connect>) => {
      once();
      return nodeTls.connect(...args);
    }) as typeof nodeTls.connect,
  });
}

/** Runs `work` on a connection of its own, closed after whatever happened. */
async function withDirectory<T>(
  config: LdapRealmConfig,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = await connect(config).catch((err) => {
    throw directoryError(err, config);
  });
  try {
    return await work(client);
  } catch (err) {
    throw directoryError(err, config);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Binds as the realm's searching account, or stays anonymous when it has none. */
async function bindSearcher(client: Client, config: LdapRealmConfig, secret: string | null) {
  if (config.bindDn === null || secret === null) return;
  try {
    await client.bind(config.bindDn, secret);
  } catch (err) {
    if (!isInvalidCredentials(err)) throw err;
    throw new DirectoryError(
      "error",
      t("The directory refused the realm's bindDn and bindPassword"),
    );
  }
}

/** `(&FILTER(ATTR=VALUE))` with VALUE escaped (RFC 4515): a name never adds to a filter. */
async function andEquals(filter: string | null, attribute: string, value: string) {
  const { EqualityFilter } = await import("ldapts");
  const equals = new EqualityFilter({ attribute, value }).toString();
  return filter ? `(&${filter}${equals})` : equals;
}

/** The first value of an entry's attribute, as text. */
function firstValue(entry: Record<string, unknown>, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? null : String(first);
}

/** Every value of an entry's attribute, as text. */
function allValues(entry: Record<string, unknown>, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? [] : entry[key];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The user entry whose sign-in attribute is `name`: none, exactly one, or more (ambiguous). */
async function findUser(client: Client, config: LdapRealmConfig, name: string) {
  const { searchEntries } = await client.search(config.userBase, {
    scope: "sub",
    filter: await andEquals(config.userFilter, config.userAttribute, name),
    attributes: [config.userAttribute],
    sizeLimit: 2,
  }).catch((err) => {
    // More than one: the directory stops at the size limit.
    if ((err as { code?: number }).code === 4) return { searchEntries: [{}, {}] };
    throw err;
  });
  return searchEntries as Record<string, unknown>[];
}

/**
 * The account an entry signs in as: its sign-in attribute's one value. An entry with several is
 * no account (null): whoever may add a value could else sign in as another (uid: eve and carol).
 */
function accountName(entry: Record<string, unknown>, config: LdapRealmConfig): string | null {
  const values = allValues(entry, config.userAttribute);
  return values.length === 1 && isPlainName(values[0]) ? values[0] : null;
}

/** The names of the groups whose member attribute holds `dn`. */
async function groupsOf(client: Client, config: LdapRealmConfig, dn: string): Promise<string[]> {
  const { searchEntries } = await client.search(config.groupBase, {
    scope: "sub",
    filter: await andEquals(config.groupFilter, config.memberAttribute, dn),
    attributes: [config.groupNameAttribute],
    // Bounds what one sign-in holds; a user in more groups is an error, not a partial role.
    sizeLimit: MAX_GROUPS,
  });
  return searchEntries.map((g) => firstValue(g, config.groupNameAttribute))
    .filter((n): n is string => n !== null);
}

/**
 * Signs `name` in with `password`: found by the realm's searching account (or anonymously),
 * then a bind as their own DN, then their groups read as themselves.
 */
export function ldapSignIn(
  config: LdapRealmConfig,
  secret: string | null,
  name: string,
  password: string,
): Promise<DirectorySignIn> {
  return withDirectory(config, async (client) => {
    await bindSearcher(client, config, secret);
    const found = await findUser(client, config, name);
    if (found.length === 0) return { ok: false, reason: "no-such-user" };
    if (found.length > 1) return { ok: false, reason: "ambiguous" };
    const account = accountName(found[0], config);
    if (account === null) return { ok: false, reason: "ambiguous" };
    const dn = String(found[0].dn);
    try {
      await client.bind(dn, password);
    } catch (err) {
      if (isInvalidCredentials(err)) return { ok: false, reason: "bad-password" };
      throw err;
    }
    return { ok: true, user: { name: account, dn, groups: await groupsOf(client, config, dn) } };
  });
}

/** A user's groups now, without their password (a token's owner); null: no such single user. */
export function ldapUser(
  config: LdapRealmConfig,
  secret: string | null,
  name: string,
): Promise<DirectoryUser | null> {
  return withDirectory(config, async (client) => {
    await bindSearcher(client, config, secret);
    const found = await findUser(client, config, name);
    const account = found.length === 1 ? accountName(found[0], config) : null;
    if (account === null) return null;
    const dn = String(found[0].dn);
    return { name: account, dn, groups: await groupsOf(client, config, dn) };
  });
}

/**
 * The members of the groups the role map names, with those groups: read as the searching
 * account, at most PREVIEW_LIMIT members.
 */
export function ldapMembers(
  config: LdapRealmConfig,
  secret: string | null,
): Promise<{ users: DirectoryUser[]; truncated: boolean }> {
  return withDirectory(config, async (client) => {
    await bindSearcher(client, config, secret);
    const { EqualityFilter, OrFilter } = await import("ldapts");
    const names = [...new Set(config.roleMap.map((m) => m.group))];
    if (names.length === 0) return { users: [], truncated: false };
    const anyName = new OrFilter({
      filters: names.map((value) =>
        new EqualityFilter({ attribute: config.groupNameAttribute, value })
      ),
    }).toString();
    const { searchEntries } = await client.search(config.groupBase, {
      scope: "sub",
      filter: `(&${config.groupFilter}${anyName})`,
      attributes: [config.groupNameAttribute, config.memberAttribute],
      sizeLimit: MAX_GROUPS,
    });
    const groupsByDn = new Map<string, string[]>();
    for (const group of searchEntries) {
      const name = firstValue(group, config.groupNameAttribute);
      if (name === null) continue;
      for (const member of allValues(group, config.memberAttribute)) {
        groupsByDn.set(member, [...groupsByDn.get(member) ?? [], name]);
      }
    }
    const dns = [...groupsByDn.keys()];
    const users: DirectoryUser[] = [];
    for (const dn of dns.slice(0, PREVIEW_LIMIT)) {
      const { searchEntries: [entry] } = await client.search(dn, {
        scope: "base",
        attributes: [config.userAttribute],
      }).catch(() => ({ searchEntries: [] as Record<string, unknown>[] }));
      const name = entry ? accountName(entry, config) : null;
      // A member that is no user (a nested group, a DN gone) signs in as nobody.
      if (name !== null) users.push({ name, dn, groups: groupsByDn.get(dn)! });
    }
    return { users, truncated: dns.length > PREVIEW_LIMIT };
  });
}
