// Which TLS certificates the client trusts besides the usual roots: the PEM file of --ca-cert
// (the server's self-signed DATA-DIR/tls/cert.pem, or a private CA), and with --insecure the
// certificates the server presents, read once over a handshake that checks nothing.
//
// Deno's fetch and WebSocket cannot skip certificate checks per request (only the
// --unsafely-ignore-certificate-errors runtime flag can, for the whole process), but both take
// `Deno.createHttpClient({ caCerts })`. So --insecure pins what the server shows: the host name in
// --url must still be one the certificate names.

import type { PeerCertificate } from "node:tls";
import { CliError, EXIT, usageError } from "./errors.ts";

/** The certificates to trust for `url`: from the --ca-cert file and, with insecure, the server. */
export async function trustedCertificates(
  { url, caCertFile, insecure }: { url: string; caCertFile: string | null; insecure: boolean },
): Promise<{ caCerts: string[]; names: string | null }> {
  const caCerts: string[] = [];
  if (caCertFile) caCerts.push(await readCaFile(caCertFile));
  let names: string | null = null;
  const u = new URL(url);
  if (insecure && u.protocol === "https:") {
    const presented = await presentedCertificates(u);
    caCerts.push(...presented.pems);
    names = presented.names;
  }
  return { caCerts, names };
}

async function readCaFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    throw usageError(`cannot read the --ca-cert file ${path}: ${(err as Error).message}`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw usageError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}

/**
 * The certificate chain the server at `url` presents, as PEM, read over a TLS handshake that
 * does not verify it, and the names its leaf holds ("DNS:localhost, IP Address:127.0.0.1").
 */
export async function presentedCertificates(
  url: URL,
  timeoutMs = 10_000,
): Promise<{ pems: string[]; names: string | null }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port || 443);
  // Loaded here, not at start: the server imports this file too (through the CLI), and Node's TLS
  // and net layers cost it memory it never uses.
  const [{ isIP }, { connect }] = await Promise.all([import("node:net"), import("node:tls")]);
  return await new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      // SNI carries names only (RFC 6066 section 3).
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unreachable(url.origin, `no TLS handshake within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const leaf = socket.getPeerCertificate(true);
      socket.end();
      if (!leaf?.raw) {
        reject(unreachable(url.origin, "the server presented no certificate"));
        return;
      }
      resolve({ pems: chainOf(leaf).map(pemOf), names: leaf.subjectaltname ?? null });
    });
    socket.once("error", (err: Error) => {
      clearTimeout(timer);
      reject(unreachable(url.origin, err.message));
    });
  });
}

/** The leaf and its issuers as node gives them (the root points at itself). */
function chainOf(leaf: PeerCertificate): Uint8Array[] {
  const out: Uint8Array[] = [];
  let cert: PeerCertificate | undefined = leaf;
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(new Uint8Array(cert.raw));
    cert = (cert as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return out;
}

function pemOf(der: Uint8Array): string {
  let bin = "";
  for (const b of der) bin += String.fromCharCode(b);
  const lines = btoa(bin).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** Exit 3: the server could not be reached at all. */
export function unreachable(origin: string, detail: string): CliError {
  return new CliError(EXIT.UNREACHABLE, "UNREACHABLE", `cannot reach ${origin}: ${detail}`);
}

/**
 * Exit 3 for a failed fetch or WebSocket: the certificate problem in rustls's words with what to
 * do, or why the connection failed. `names` are the pinned certificate's names (--insecure).
 */
export function connectError(
  origin: string,
  err: unknown,
  { insecure, names }: { insecure: boolean; names: string | null },
): CliError {
  const detail = innermost(err);
  if (/certificate|tls|handshake/i.test(detail)) {
    const advice = /not valid for name|NotValidForName/i.test(detail)
      ? `use a host name the certificate holds in --url${names ? ` (${names})` : ""}`
      : insecure
      ? "the certificate the server presented could not be used"
      : "trust the server's certificate with --ca-cert FILE (a self-signed one is " +
        "DATA-DIR/tls/cert.pem on the server, whose start prints its fingerprint), or accept " +
        "it unchecked with --insecure";
    return new CliError(
      EXIT.UNREACHABLE,
      "TLS_CERTIFICATE",
      `cannot verify the TLS certificate of ${origin}: ${detail}; ${advice}`,
    );
  }
  if (/invalid HTTP version/i.test(detail) && origin.startsWith("http:")) {
    return unreachable(origin, `${detail}; the server may speak HTTPS: use https:// in --url`);
  }
  return unreachable(origin, detail);
}

/** The deepest message of an error and its causes, without hyper's "error sending …" prefix. */
function innermost(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined;
  let message = String(err);
  while (e && typeof e === "object") {
    if (e.message) message = e.message;
    e = e.cause as typeof e;
  }
  const m = /client error \([^)]*\): (.*)$/s.exec(message) ??
    /failed to connect to WebSocket: (.*)$/s.exec(message);
  return (m ? m[1] : message).trim();
}
