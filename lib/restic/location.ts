// The parts of a repository's location that restic connects to, read strictly: an S3 location
// s3:http(s)://HOST[:PORT]/BUCKET[/PATH] and an SFTP location USER@HOST:/PATH. What reaches restic's
// command line never starts with "-" (it would read as an option), and the host is one the
// outbound rule can judge (lib/restic/reach.ts).

import { parseIpv4 } from "../../shared/ipv4.ts";
import { ipv6Value } from "../../shared/ipv6.ts";
import { t } from "../../shared/i18n/t.ts";

export interface S3Location {
  scheme: "http" | "https";
  /** A name or an address, IPv6 without brackets. */
  host: string;
  port: number;
  /** The host as a URL and an HTTP CONNECT name it: IPv6 in brackets. */
  hostInUrl: string;
}

/** A DNS name: labels of letters, digits and inner hyphens, at most 253 characters. */
const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const S3 = /^s3:(https?):\/\/([^/]*)\/(.+)$/;

/**
 * Whether `host` (IPv6 without brackets) is one a URL can hold: the address check reads it as one,
 * and names like "host.1" or "999.1.1.1" are none.
 */
export function hostParses(host: string): boolean {
  try {
    new URL(`http://${host.includes(":") ? `[${host}]` : host}`);
    return true;
  } catch {
    return false;
  }
}

/** Whether `host` is an address, not a name (which restic would resolve again itself). */
export function isAddress(host: string): boolean {
  return parseIpv4(host) !== null || ipv6Value(host) !== null;
}

/** The S3 location's host and port, or the problem in the user's words. */
export function parseS3Location(location: string): S3Location | string {
  const m = S3.exec(location);
  if (!m) return t("location must be s3:https://host/bucket/path");
  const [, scheme, authority, rest] = m;
  if (authority.includes("@")) {
    return t("location must not hold keys: give them as accessKeyId and secretKey");
  }
  const parts = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(authority);
  const host = parts?.[1] ?? parts?.[2] ?? "";
  const v6 = parts?.[1] !== undefined;
  const shape = v6 ? ipv6Value(host) !== null : DNS_NAME.test(host) || parseIpv4(host) !== null;
  if (!parts || !shape || !hostParses(host)) {
    return t("The S3 host must be a host name or an IP address: {{host}}", {
      host: authority.slice(0, 100),
    });
  }
  const port = parts[3] ? Number(parts[3]) : scheme === "https" ? 443 : 80;
  if (port < 1 || port > 65535) {
    return t("The S3 port must be 1 to 65535: {{port}}", { port: parts[3] });
  }
  if (rest.split("/").some((segment) => segment === "" || segment.startsWith("-"))) {
    return t('The bucket and each folder of its path must be named, and not start with "-"');
  }
  // Over plain HTTP restic would resolve a name again itself: nothing would hold it to the
  // address that was checked. Over HTTPS it asks KVM Manager's gate, which does.
  if (scheme === "http" && !isAddress(host)) {
    return t(
      "An s3:http:// location must give the server's address, not a name (over plain HTTP a name cannot be held to the address it was checked as): use s3:https:// for a name",
    );
  }
  return { scheme: scheme as "http" | "https", host, port, hostInUrl: v6 ? `[${host}]` : host };
}

/** An SFTP location's user and host (user@host:/path, checked by SFTP_LOCATION). */
export function sftpParts(location: string): { user: string; host: string } {
  const at = location.indexOf("@");
  return { user: location.slice(0, at), host: location.slice(at + 1, location.indexOf(":")) };
}
