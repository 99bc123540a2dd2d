// Reading a PEM certificate and private key and proving they belong together: the few X.509
// and PKCS#8 fields needed, and a sign-then-verify check. Kept apart from lib/tls.ts, which
// owns the files and the user-facing errors.

import {
  type Bytes,
  childrenOf,
  derInt,
  expectTag,
  octets,
  oid,
  oidText,
  pemBlocks,
  readTime,
  readTlv,
  seq,
  type Tlv,
  tlv,
} from "./der.ts";
import { CURVES, OID } from "./oids.ts";

export interface ParsedCert {
  notAfter: Date;
  /** SubjectPublicKeyInfo, whole DER element. */
  spki: Bytes;
  /** The key algorithm's OID and its parameter (the curve OID for EC). */
  keyOid: string;
  keyParam?: Tlv;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 4.1). */
export function parseCertificate(der: Bytes): ParsedCert {
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

export type KeyAlgorithm =
  | { name: "ECDSA"; namedCurve: string }
  | { name: "RSASSA-PKCS1-v1_5"; hash: "SHA-256" }
  | { name: "Ed25519" };

/** The first private key in a PEM text (PKCS#8, SEC1 EC or PKCS#1 RSA), imported for signing. */
export async function readPrivateKey(pem: string): Promise<{ key: CryptoKey; alg: KeyAlgorithm }> {
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
export async function keyMatches(
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
