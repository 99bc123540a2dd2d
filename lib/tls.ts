// The HTTPS certificate and key: a self-signed pair made on first start (or the user's files),
// read back and checked before the server listens. Pure WebCrypto and a small DER codec. The
// codec, the pair check and the self-signed maker live in lib/tls/; this file owns the files,
// their permissions and the errors a user reads.

import { join } from "node:path";
import { type Config, DEFAULT_TLS } from "./config.ts";
import { type Bytes, pemBlocks } from "./tls/der.ts";
import {
  type KeyAlgorithm,
  keyMatches,
  parseCertificate,
  type ParsedCert,
  readPrivateKey,
} from "./tls/parse_pair.ts";
import { makeSelfSigned } from "./tls/self_signed.ts";

export { ipBytes, makeSelfSigned } from "./tls/self_signed.ts";

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
