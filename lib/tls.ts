// The HTTPS certificate and key: a self-signed pair made on first start (or the user's files),
// read back and checked before the server listens. Pure WebCrypto and a small DER codec.

import { join } from "node:path";
import { type Config, DEFAULT_TLS } from "./config.ts";

export interface TlsMaterial {
  /** PEM, as Deno.serve({ cert, key }) takes them. */
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
  /** True when the pair was made on this start. */
  generated: boolean;
  /** SHA-256 of the (first) certificate's DER, "AB:CD:…". */
  fingerprint: string;
  notAfter: Date;
}

export class TlsError extends Error {
  override name = "TlsError";
}

const VALID_YEARS = 10;

/**
 * The certificate to serve HTTPS with, or null for mode "off".
 * auto: reuses `${dataDir}/tls/cert.pem` and `key.pem`, else makes a self-signed ECDSA P-256
 * pair there (key 0600, folder 0700). files: reads the given pair. Either way the certificate
 * must parse and the key must match it; anything wrong throws TlsError naming the file — never
 * a fallback to plain HTTP, never a new pair written over existing files.
 */
export async function loadTls(
  config: Pick<Config, "tls" | "dataDir" | "listen">,
): Promise<TlsMaterial | null> {
  const tls = config.tls ?? DEFAULT_TLS;
  if (tls.mode === "off") return null;
  if (tls.mode === "files") {
    return await readPair(tls.certFile, tls.keyFile, { generated: false, auto: false });
  }
  const dir = join(config.dataDir, "tls");
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  const [hasCert, hasKey] = [await exists(certFile), await exists(keyFile)];
  if (hasCert !== hasKey) {
    const [have, missing] = hasCert ? [certFile, keyFile] : [keyFile, certFile];
    throw new TlsError(
      `${missing} is missing but ${have} exists: restore it, or remove ${have} so KVM Manager ` +
        `makes a new self-signed certificate`,
    );
  }
  if (!hasCert) await writeSelfSigned(dir, certFile, keyFile, config.listen.hostname);
  return await readPair(certFile, keyFile, { generated: !hasCert, auto: true });
}

// ---- Reading and checking a pair ----

async function readPair(
  certFile: string,
  keyFile: string,
  { generated, auto }: { generated: boolean; auto: boolean },
): Promise<TlsMaterial> {
  const redo = auto ? `, or remove ${certFile} and ${keyFile} to make a new self-signed pair` : "";
  const cert = await readText(certFile, "certificate");
  const key = await readText(keyFile, "private key");
  if (auto) {
    // Ours, so held to our own rule; a user's key (files mode) may well be 0640 group ssl-cert.
    const mode = (await Deno.stat(keyFile)).mode;
    if (mode !== null && (mode & 0o077) !== 0) {
      throw new TlsError(
        `${keyFile} can be read by other users (mode ${(mode & 0o777).toString(8)}): ` +
          `run chmod 600 ${keyFile}`,
      );
    }
  }
  let certs: Bytes[];
  let leaf: ParsedCert;
  try {
    certs = pemBlocks(cert).filter((b) => b.label === "CERTIFICATE").map((b) => b.der);
    if (certs.length === 0) throw new Error("no CERTIFICATE block");
    const parsed = certs.map(parseCertificate);
    leaf = parsed[0];
  } catch (err) {
    throw new TlsError(
      `${certFile} is not a PEM X.509 certificate (${(err as Error).message}): ` +
        `replace it with a valid certificate${redo}`,
    );
  }
  let privateKey: { key: CryptoKey; alg: KeyAlgorithm };
  try {
    privateKey = await readPrivateKey(key);
  } catch (err) {
    throw new TlsError(
      `${keyFile} is not a usable PEM private key (${(err as Error).message}): ` +
        `give an unencrypted PKCS#8, EC or RSA key${redo}`,
    );
  }
  let matches: boolean;
  try {
    matches = await keyMatches(privateKey, leaf);
  } catch (err) {
    throw new TlsError(
      `The public key in ${certFile} cannot be read (${(err as Error).message}): ` +
        `replace it with a valid certificate${redo}`,
    );
  }
  if (!matches) {
    throw new TlsError(
      `The private key ${keyFile} does not match the certificate ${certFile}: ` +
        `give the key the certificate was issued for${redo}`,
    );
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", certs[0]));
  const fingerprint = [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase())
    .join(":");
  return { cert, key, certFile, keyFile, generated, fingerprint, notAfter: leaf.notAfter };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw new TlsError(
      `Cannot look for ${path} (${(err as Error).message}): check the data folder ` +
        `(--data-dir) and that KVM Manager's user may read it`,
    );
  }
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(file);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new TlsError(`The TLS ${what} file ${file} does not exist: check the path`);
    }
    throw new TlsError(
      `Cannot read the TLS ${what} file ${file} (${(err as Error).message}): ` +
        `check that KVM Manager's user may read it`,
    );
  }
}

interface ParsedCert {
  notAfter: Date;
  /** SubjectPublicKeyInfo, whole DER element. */
  spki: Bytes;
  /** The key algorithm's OID and its parameter (the curve OID for EC). */
  keyOid: string;
  keyParam?: Tlv;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 4.1). */
function parseCertificate(der: Bytes): ParsedCert {
  const top = readTlv(der, 0);
  if (top.end !== der.length) throw new Error("trailing bytes after the certificate");
  const [tbs, sigAlg, sigValue] = childrenOf(top, 0x30, 3);
  expectTag(sigAlg, 0x30, "signatureAlgorithm");
  expectTag(sigValue, 0x03, "signatureValue");
  const fields = childrenOf(tbs, 0x30);
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields; // [0] version
  const [serial, , , validity, , spki] = rest;
  if (!spki) throw new Error("tbsCertificate too short");
  expectTag(serial, 0x02, "serialNumber");
  const [, notAfter] = childrenOf(validity, 0x30, 2);
  const [alg] = childrenOf(spki, 0x30, 2);
  const [keyOid, keyParam] = childrenOf(alg, 0x30);
  expectTag(keyOid, 0x06, "algorithm");
  return {
    notAfter: readTime(notAfter),
    spki: spki.whole,
    keyOid: oidText(keyOid.content),
    keyParam,
  };
}

type KeyAlgorithm =
  | { name: "ECDSA"; namedCurve: string }
  | { name: "RSASSA-PKCS1-v1_5"; hash: "SHA-256" }
  | { name: "Ed25519" };

/** The first private key in a PEM text (PKCS#8, SEC1 EC or PKCS#1 RSA), imported for signing. */
async function readPrivateKey(pem: string): Promise<{ key: CryptoKey; alg: KeyAlgorithm }> {
  const block = pemBlocks(pem).find((b) => b.label.endsWith("PRIVATE KEY"));
  if (!block) throw new Error("no PRIVATE KEY block");
  if (block.label === "ENCRYPTED PRIVATE KEY") {
    throw new Error("it is encrypted; decrypt it with `openssl pkey`");
  }
  let pkcs8 = block.der;
  if (block.label === "EC PRIVATE KEY") {
    // ECPrivateKey (RFC 5915): SEQUENCE { version, privateKey, [0] parameters, [1] publicKey }.
    const curve = childrenOf(readTlv(block.der, 0), 0x30).find((t) => t.tag === 0xa0);
    if (!curve) throw new Error("EC key without its curve");
    pkcs8 = seq(derInt(0), seq(oid(OID.ecPublicKey), curve.content), octets(block.der));
  } else if (block.label === "RSA PRIVATE KEY") {
    pkcs8 = seq(derInt(0), seq(oid(OID.rsaEncryption), tlv(0x05)), octets(block.der));
  } else if (block.label !== "PRIVATE KEY") {
    throw new Error(`unsupported block "${block.label}"`);
  }
  // PrivateKeyInfo (RFC 5208): SEQUENCE { version, AlgorithmIdentifier, privateKey, … }.
  const [, algId] = childrenOf(readTlv(pkcs8, 0), 0x30, 3);
  const [algOid, param] = childrenOf(algId, 0x30);
  expectTag(algOid, 0x06, "key algorithm");
  const alg = keyAlgorithm(oidText(algOid.content), param);
  return { key: await crypto.subtle.importKey("pkcs8", pkcs8, alg, false, ["sign"]), alg };
}

function keyAlgorithm(keyOid: string, param: Tlv | undefined): KeyAlgorithm {
  if (keyOid === OID.rsaEncryption) return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  if (keyOid === OID.ed25519) return { name: "Ed25519" };
  if (keyOid === OID.ecPublicKey && param?.tag === 0x06) {
    const namedCurve = CURVES[oidText(param.content)];
    if (namedCurve) return { name: "ECDSA", namedCurve };
  }
  throw new Error(`unsupported key type ${keyOid}`);
}

/** Signs with the key and verifies with the certificate's public key: a match is a proof. */
async function keyMatches(
  { key, alg }: { key: CryptoKey; alg: KeyAlgorithm },
  cert: ParsedCert,
): Promise<boolean> {
  let certAlg: KeyAlgorithm;
  try {
    certAlg = keyAlgorithm(cert.keyOid, cert.keyParam);
  } catch {
    return false;
  }
  if (JSON.stringify(certAlg) !== JSON.stringify(alg)) return false;
  const publicKey = await crypto.subtle.importKey("spki", cert.spki, alg, false, ["verify"]);
  const params = alg.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : alg;
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  const signature = await crypto.subtle.sign(params, key, challenge);
  return await crypto.subtle.verify(params, publicKey, signature, challenge);
}

// ---- Making a self-signed certificate ----

async function writeSelfSigned(dir: string, certFile: string, keyFile: string, listen: string) {
  const cannot = (err: unknown) =>
    new TlsError(
      `Cannot write a self-signed certificate in ${dir} (${(err as Error).message}): check that ` +
        `KVM Manager's user may write there, or give a certificate with --tls-cert/--tls-key`,
    );
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw cannot(err);
  }
  const dirMode = (await Deno.stat(dir)).mode;
  if (dirMode !== null && (dirMode & 0o077) !== 0) {
    throw new TlsError(
      `${dir} is open to other users (mode ${(dirMode & 0o777).toString(8)}): ` +
        `run chmod 700 ${dir} before KVM Manager writes its private key there`,
    );
  }
  const { cert, key } = await makeSelfSigned(hostName(), listen);
  // createNew: never over a file that appeared meanwhile. The mode is set at creation, so the
  // key is never readable by others, not even for a moment.
  try {
    await Deno.writeTextFile(keyFile, key, { mode: 0o600, createNew: true });
  } catch (err) {
    throw cannot(err);
  }
  try {
    await Deno.writeTextFile(certFile, cert, { mode: 0o644, createNew: true });
  } catch (err) {
    await Deno.remove(keyFile).catch(() => {});
    throw cannot(err);
  }
}

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost"; // no --allow-sys: the certificate still names localhost and loopback
  }
}

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

// ---- DER (X.690) and PEM ----

/** WebCrypto takes only ArrayBuffer-backed views. */
type Bytes = Uint8Array<ArrayBuffer>;

const OID = {
  commonName: "2.5.4.3",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  rsaEncryption: "1.2.840.113549.1.1.1",
  ed25519: "1.3.101.112",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};
const CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

function concat(parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function tlv(tag: number, ...content: Bytes[]): Bytes {
  const body = concat(content);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  if (n > 0xffff) throw new Error("DER element too long");
  return concat([Uint8Array.of(tag, ...length), body]);
}

const seq = (...items: Bytes[]) => tlv(0x30, ...items);
const set = (...items: Bytes[]) => tlv(0x31, ...items);
const octets = (bytes: Bytes) => tlv(0x04, bytes);
const utf8 = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
const derInt = (n: number) => unsignedInt(Uint8Array.of(n));

/** INTEGER from big-endian magnitude: minimal, with a 0 byte when the top bit is set. */
function unsignedInt(bytes: Bytes): Bytes {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.slice(i);
  return tlv(0x02, trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}

function oid(dotted: string): Bytes {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const base128 = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) {
      base128.unshift((v & 0x7f) | 0x80);
    }
    out.push(...base128);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function oidText(content: Bytes): string {
  const nums: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      nums.push(v);
      v = 0;
    }
  }
  const first = nums.shift() ?? 0;
  const [a, b] = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [a, b, ...nums].join(".");
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
function derTime(d: Date): Bytes {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "") + "Z";
  const year = d.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, new TextEncoder().encode(digits.slice(2)))
    : tlv(0x18, new TextEncoder().encode(digits));
}

function readTime(t: Tlv): Date {
  const text = new TextDecoder().decode(t.content);
  const m = t.tag === 0x17
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : t.tag === 0x18
    ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : null;
  if (!m) throw new Error("bad validity time");
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const year = t.tag === 0x17 ? (y < 50 ? 2000 + y : 1900 + y) : y;
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

interface Tlv {
  tag: number;
  content: Bytes;
  /** The whole element, header included. */
  whole: Bytes;
  end: number;
}

/** One element at `pos`: single-byte tags and definite lengths, as DER has them. */
function readTlv(buf: Bytes, pos: number): Tlv {
  if (pos + 2 > buf.length) throw new Error("truncated DER");
  const tag = buf[pos];
  let length = buf[pos + 1];
  let at = pos + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || at + count > buf.length) throw new Error("bad DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[at++];
  }
  const end = at + length;
  if (end > buf.length) throw new Error("truncated DER");
  return { tag, content: buf.subarray(at, end), whole: buf.subarray(pos, end), end };
}

function expectTag(t: Tlv | undefined, tag: number, what: string): asserts t is Tlv {
  if (t?.tag !== tag) throw new Error(`bad ${what}`);
}

/** The elements inside a constructed one, which must have `tag` (and at least `min` children). */
function childrenOf(t: Tlv | undefined, tag: number, min = 1): Tlv[] {
  expectTag(t, tag, `element 0x${tag.toString(16)}`);
  const out: Tlv[] = [];
  for (let pos = 0; pos < t.content.length;) {
    const child = readTlv(t.content, pos);
    out.push(child);
    pos = child.end;
  }
  if (out.length < min) throw new Error("DER sequence too short");
  return out;
}

function pemBlocks(text: string): { label: string; der: Bytes }[] {
  const blocks = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    let binary: string;
    try {
      binary = atob(m[2].replace(/\s+/g, ""));
    } catch {
      throw new Error(`bad base64 in the ${m[1]} block`);
    }
    blocks.push({ label: m[1], der: Uint8Array.from(binary, (c) => c.charCodeAt(0)) });
  }
  return blocks;
}

function pem(label: string, der: Bytes): string {
  const b64 = btoa(Array.from(der, (b) => String.fromCharCode(b)).join(""));
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
}
