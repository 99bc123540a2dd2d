// Making a self-signed ECDSA P-256 server certificate with WebCrypto: the to-be-signed fields,
// the names it covers and its signature. Kept apart from lib/tls.ts, which decides when to
// make one and writes it to disk.

import {
  type Bytes,
  derInt,
  derTime,
  octets,
  oid,
  pem,
  seq,
  set,
  tlv,
  unsignedInt,
  utf8,
} from "./der.ts";
import { OID } from "./oids.ts";

const VALID_YEARS = 10;

/**
 * A self-signed ECDSA P-256 server certificate for `hostname` (and `listen` when it names one
 * address), valid VALID_YEARS from now; PEM certificate and PKCS#8 key.
 */
export async function makeSelfSigned(
  hostname: string,
  listen: string,
  now = new Date(),
): Promise<{ cert: string; key: string }> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const name = seq(set(seq(oid(OID.commonName), utf8(`KVM Manager ${hostname}`.slice(0, 64)))));
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive and exactly 16 bytes (RFC 5280 4.1.2.2)
  // A little in the past: a browser on a machine whose clock is behind still accepts it.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 5 * 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const ecdsaSha256 = seq(oid(OID.ecdsaWithSha256));
  const tbs = seq(
    tlv(0xa0, derInt(2)), // version v3
    tlv(0x02, serial),
    ecdsaSha256,
    name,
    seq(derTime(notBefore), derTime(notAfter)),
    name,
    spki,
    tlv(
      0xa3,
      seq(
        extension(OID.basicConstraints, true, seq()), // cA FALSE (the default, so empty)
        extension(OID.keyUsage, true, tlv(0x03, Uint8Array.of(7, 0x80))), // digitalSignature
        extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
        extension(OID.subjectAltName, false, seq(...altNames(hostname, listen))),
      ),
    ),
  );
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, tbs),
  );
  // WebCrypto gives r‖s; X.509 wants Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.
  const signature = seq(unsignedInt(raw.slice(0, 32)), unsignedInt(raw.slice(32)));
  const cert = seq(tbs, ecdsaSha256, tlv(0x03, Uint8Array.of(0), signature));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return { cert: pem("CERTIFICATE", cert), key: pem("PRIVATE KEY", pkcs8) };
}

/** GeneralNames: localhost, the host name, loopback, and the listen address when specific. */
function altNames(hostname: string, listen: string): Bytes[] {
  const dns = new Set(["localhost"]);
  const ips = new Map<string, Bytes>();
  const add = (name: string) => {
    const ip = ipBytes(name);
    if (ip) {
      if (!ip.every((b) => b === 0)) ips.set(ip.join("."), ip); // not 0.0.0.0 nor ::
    } else if (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(name)) {
      dns.add(name.toLowerCase());
    }
  };
  for (const name of [hostname, "127.0.0.1", "::1", listen]) add(name);
  return [
    ...[...dns].map((d) => tlv(0x82, new TextEncoder().encode(d))), // [2] dNSName
    ...[...ips.values()].map((ip) => tlv(0x87, ip)), // [7] iPAddress
  ];
}

/** The 4 or 16 bytes of an IPv4 or IPv6 literal, else null. */
export function ipBytes(text: string): Bytes | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? Uint8Array.from(parts) : null;
  }
  if (!text.includes(":")) return null;
  let v6 = text;
  const tail4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(v6); // ::ffff:192.0.2.1
  if (tail4) {
    const b = ipBytes(tail4[1]);
    if (!b) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    v6 = `${v6.slice(0, tail4.index)}:${hex(b[0], b[1])}:${hex(b[2], b[3])}`;
  }
  const halves = v6.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => s === "" ? [] : s.split(":");
  const [head, tail] = [groups(halves[0]), groups(halves[1] ?? "")];
  const zeros = 8 - head.length - tail.length;
  if (halves.length === 1 ? zeros !== 0 : zeros < 1) return null;
  const all = [...head, ...Array(halves.length === 2 ? zeros : 0).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return Uint8Array.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function extension(id: string, critical: boolean, value: Bytes): Bytes {
  // BOOLEAN DEFAULT FALSE: DER leaves it out when false.
  return seq(oid(id), ...(critical ? [tlv(0x01, Uint8Array.of(0xff))] : []), octets(value));
}
