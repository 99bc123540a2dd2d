// One certificate order from an ACME CA (RFC 8555) through acme-client: the account (its key kept
// in the data folder, one per CA), a new key and CSR for the names, the challenge answered by
// HTTP-01 or an admin's DNS hook, and the CA's refusals in one sentence each. acme-client is loaded
// on the first order: a server that never orders never holds it.

import { join } from "node:path";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { AcmeCertificate, AcmeSettings } from "../../shared/acme.ts";
import { pemBlocks } from "../tls/der.ts";
import { keyMatches, parseCertificate, readPrivateKey } from "../tls/parse_pair.ts";
import type { DnsHooks } from "./dns_hook.ts";
import { Http01Responder } from "./http01.ts";

/** Any one call to the CA: a CA that does not answer in this time is unreachable. */
const CA_TIMEOUT_MS = 30_000;
/** The most the CA may answer at once: a certificate chain is a few KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** A CA file and a chain are a few KiB; these bound what is read and kept. */
const MAX_CA_FILE_BYTES = 1024 * 1024;
const MAX_CHAIN_BYTES = 64 * 1024;
const MAX_CHAIN_CERTS = 10;
/** A clock this far ahead of the CA's is not a reason to refuse its certificate. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface Issued {
  /** The certificate and the CA's chain, PEM. */
  cert: string;
  /** Its private key, PEM (PKCS#8). */
  key: string;
  info: AcmeCertificate;
}

export interface OrderPlace {
  /** Where account keys are kept (0700). */
  accountDir: string;
  /** The address the HTTP-01 listener binds: the server's own. */
  hostname: string;
  hooks: DnsHooks;
}

export async function orderCertificate(settings: AcmeSettings, place: OrderPlace): Promise<Issued> {
  const caFile = settings.caFile ? await readCaFile(settings.caFile) : null;
  await probeDirectory(settings.directoryUrl, caFile, settings.caFile);
  const acme = await import("acme-client");
  const https = await import("node:https");
  // acme-client calls the CA through its one axios instance; orders run one at a time
  // (AcmeService), so its defaults are this order's.
  acme.axios.defaults.timeout = CA_TIMEOUT_MS;
  acme.axios.defaults.maxContentLength = MAX_ANSWER_BYTES;
  // acme-client tries a failed call 5 times, 5 to 25 s apart (75 s), unless the CA says when
  // (Retry-After): 3 times 3 to 9 s apart is enough for a CA's hiccup and holds no order long.
  const retries = (acme.axios.defaults as unknown as {
    acmeSettings: { retryMaxAttempts: number; retryDefaultDelay: number };
  }).acmeSettings;
  retries.retryMaxAttempts = 3;
  retries.retryDefaultDelay = 3;
  acme.axios.defaults.httpsAgent = caFile ? new https.Agent({ ca: caFile }) : undefined;
  const accountKey = await accountKeyFor(settings.directoryUrl, place.accountDir, acme);
  const client = new acme.Client({ directoryUrl: settings.directoryUrl, accountKey });
  const [key, csr] = await acme.crypto.createCsr(
    { commonName: settings.domains[0], altNames: settings.domains },
    await acme.crypto.createPrivateEcdsaKey(),
  );
  const { challenge } = settings;
  const http01 = challenge.type === "http-01" ? new Http01Responder() : null;
  http01?.listen(place.hostname, challenge.type === "http-01" ? challenge.port : 80);
  let cert: string;
  try {
    cert = await client.auto({
      csr,
      email: settings.email ?? undefined,
      termsOfServiceAgreed: true,
      challengePriority: [challenge.type],
      // The CA checks; a check of our own would need this host's public name and port 80 to
      // reach back to it from here, which a NATed or split-DNS host does not have.
      skipChallengeVerification: true,
      challengeCreateFn: async (authz, ch, keyAuthorization) => {
        // The name comes from the CA: only a name of the settings reaches a hook.
        ordered(authz.identifier.value, settings.domains);
        if (http01) http01.set(ch.token, keyAuthorization);
        else if (challenge.type === "dns-01") {
          await place.hooks.call(challenge.hook, "add", authz.identifier.value, keyAuthorization);
          await new Promise((r) => setTimeout(r, challenge.waitSeconds * 1000));
        }
      },
      challengeRemoveFn: async (authz, ch, keyAuthorization) => {
        if (http01) http01.remove(ch.token);
        else if (challenge.type === "dns-01") {
          ordered(authz.identifier.value, settings.domains);
          await place.hooks.call(challenge.hook, "remove", authz.identifier.value, keyAuthorization)
            .catch(() => {/* the record is left; the next order sets its own */});
        }
      },
    });
  } catch (err) {
    throw orderError(err, settings.directoryUrl);
  } finally {
    await http01?.close();
  }
  await checkIssued(cert, key.toString(), settings.domains);
  const info = acme.crypto.readCertificateInfo(cert);
  return {
    cert,
    key: key.toString(),
    info: {
      domains: [info.domains.commonName, ...info.domains.altNames].filter((d, i, all) =>
        d && all.indexOf(d) === i
      ) as string[],
      issuer: info.issuer.commonName ?? "",
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      fingerprint: await fingerprint(cert),
    },
  };
}

/** SHA-256 of the first certificate's DER, "AB:CD:…" (as lib/tls.ts prints it). */
export async function fingerprint(pem: string): Promise<string> {
  const der = pemBlocks(pem).find((b) => b.label === "CERTIFICATE")!.der;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

async function readCaFile(path: string): Promise<string> {
  try {
    // A FIFO or a device would hang the order or fill memory: a regular file of a few KiB only.
    const info = await Deno.stat(path);
    if (!info.isFile) throw new Error(t("not a regular file"));
    if (info.size > MAX_CA_FILE_BYTES) throw new Error(t("larger than 1 MiB"));
    const text = await Deno.readTextFile(path);
    if (!text.includes("-----BEGIN CERTIFICATE-----")) throw new Error(t("no PEM certificate"));
    return text;
  } catch (err) {
    throw new AppError(
      "ACME_TLS_FAILED",
      t("The CA file {{path}} cannot be used: {{reason}}", {
        path,
        reason: (err as Error).message,
      }),
    );
  }
}

/**
 * Reads the CA's directory first: acme-client retries a CA it cannot reach for over a minute and
 * then fails with a TypeError, so an unreachable or untrusted CA is said here, in seconds.
 */
async function probeDirectory(
  url: string,
  caFile: string | null,
  caPath: string | null,
): Promise<void> {
  let client: Deno.HttpClient | undefined;
  try {
    client = caFile ? Deno.createHttpClient({ caCerts: [caFile] }) : undefined;
  } catch (err) {
    throw new AppError(
      "ACME_TLS_FAILED",
      t("The CA file {{path}} cannot be used: {{reason}}", {
        path: caPath ?? "",
        reason: (err as Error).message,
      }),
    );
  }
  try {
    const res = await fetch(url, {
      client,
      signal: AbortSignal.timeout(CA_TIMEOUT_MS),
      headers: { accept: "application/json" },
    });
    const body = await res.json().catch(() => null) as Record<string, unknown> | null;
    if (!res.ok || typeof body?.newOrder !== "string" || typeof body?.newNonce !== "string") {
      throw new AppError(
        "ACME_ERROR",
        t("{{url}} is not an ACME directory (HTTP {{status}})", { url, status: res.status }),
      );
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Deno's fetch says "fetch failed"; what failed is in its cause.
    const cause = (err as Error).cause;
    const reason = cause instanceof Error ? cause.message : (err as Error).message;
    if (/certificate|UnknownIssuer|NotValidForName|tls|handshake/i.test(reason)) {
      throw new AppError(
        "ACME_TLS_FAILED",
        t(
          "The ACME server {{url}} has an HTTPS certificate this server does not trust ({{reason}}): for an internal CA, give its CA file",
          { url, reason: conciseReason(reason) },
        ),
      );
    }
    throw new AppError(
      "ACME_UNREACHABLE",
      t("The ACME server {{url}} cannot be reached: {{reason}}", {
        url,
        reason: conciseReason(reason),
      }),
    );
  } finally {
    client?.close();
  }
}

/** The end of a fetch error's chain ("Connection refused (os error 111)"), not its URL again. */
function conciseReason(message: string): string {
  const parts = message.split(": ");
  return parts.length > 1 ? parts.slice(-2).join(": ") : message;
}

/** 502 ACME_ERROR unless `name` (as the CA names it, `*.` left out) is one of `domains`. */
function ordered(name: string, domains: string[]): void {
  const bare = domains.map((d) => d.replace(/^\*\./, ""));
  if (!bare.includes(name.toLowerCase())) {
    throw new AppError(
      "ACME_ERROR",
      t("The CA asked about {{name}}, which is not one of the domains ordered", {
        name: said(name),
      }),
    );
  }
}

/**
 * What the CA issued, checked before anything is written or served: a chain of at most
 * MAX_CHAIN_CERTS certificates and MAX_CHAIN_BYTES, whose first is for the key made here, for
 * exactly the names ordered, and valid now with time left.
 */
async function checkIssued(chain: string, keyPem: string, domains: string[]): Promise<void> {
  const refuse = (why: string) =>
    new AppError("ACME_ERROR", t("The CA's certificate cannot be used: {{why}}", { why }));
  const blocks = pemBlocks(chain).filter((b) => b.label === "CERTIFICATE");
  if (chain.length > MAX_CHAIN_BYTES || blocks.length === 0 || blocks.length > MAX_CHAIN_CERTS) {
    throw refuse(t("a chain of 1 to {{max}} certificates and at most 64 KiB was expected", {
      max: MAX_CHAIN_CERTS,
    }));
  }
  let leaf;
  try {
    leaf = parseCertificate(blocks[0].der);
  } catch (err) {
    throw refuse((err as Error).message);
  }
  if (!(await keyMatches(await readPrivateKey(keyPem), leaf))) {
    throw refuse(t("it is not for the key this server made"));
  }
  const acme = await import("acme-client");
  const info = acme.crypto.readCertificateInfo(chain);
  const names = new Set(
    [info.domains.commonName, ...info.domains.altNames].filter(Boolean).map((n) =>
      String(n).toLowerCase()
    ),
  );
  const wanted = new Set(domains);
  if (names.size !== wanted.size || [...wanted].some((d) => !names.has(d))) {
    throw refuse(t("it names {{names}}, not the domains ordered", {
      names: said([...names].join(", ")),
    }));
  }
  const now = Date.now();
  const from = info.notBefore.getTime();
  const until = info.notAfter.getTime();
  if (from > now + CLOCK_SKEW_MS || until - now < Math.min(60_000, (until - from) / 2)) {
    throw refuse(t("it is valid from {{from}} until {{until}}", {
      from: info.notBefore.toISOString(),
      until: info.notAfter.toISOString(),
    }));
  }
}

/** Text from the CA, fit for one line of a message and the log: no control characters, bounded. */
function said(text: string): string {
  // deno-lint-ignore no-control-regex -- control characters are what is removed
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

type AcmeModule = typeof import("acme-client");

/** The account key for this CA: made on the first order and kept (0600) for the next. */
async function accountKeyFor(url: string, dir: string, acme: AcmeModule): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url)),
  );
  const id = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const file = join(dir, `account-${id}.pem`);
  try {
    return await Deno.readTextFile(file);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const key = (await acme.crypto.createPrivateEcdsaKey()).toString();
  await Deno.writeTextFile(file, key, { mode: 0o600, createNew: true });
  return key;
}

/** The CA's refusal, or why it was not reached, in one sentence with its code. */
function orderError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  const e = err as Error & { code?: string };
  const reason = e.message ?? String(err);
  // The directory answered a moment ago (probeDirectory): a connection that fails now was lost.
  // acme-client's retry gives up on one with a TypeError (5.4.0); axios names the socket's error.
  const lost = (err instanceof TypeError && /reading 'config'/.test(reason)) ||
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ECONNABORTED|ENOTFOUND|EAI_AGAIN)$/.test(e.code ?? "");
  if (lost) {
    return new AppError(
      "ACME_UNREACHABLE",
      t("The connection to the ACME server {{url}} was lost during the order", { url }),
    );
  }
  // What the CA said: its problem document's detail (a failed check names what it tried).
  return new AppError(
    "ACME_ERROR",
    t("The CA refused the order: {{reason}}", {
      reason: said(reason),
    }),
  );
}
