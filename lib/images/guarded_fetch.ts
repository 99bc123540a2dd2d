// fetch() for URLs an admin pastes: http and https only, no user name or password in the URL,
// every hop's host resolved and checked (address_rules.ts) before it is asked, redirects
// followed by hand (at most MAX_REDIRECTS) so a public server cannot send us to a private
// address, and one deadline per hop for the name's lookup, the connection and the answer's
// headers. The body's own pace is the caller's (remote_file.ts keeps an idle timeout on it).
//
// Known gap: the name is resolved here and again by fetch() itself, so a DNS server that answers
// differently within that moment (DNS rebinding) could still reach a private address; the
// platform's fetch() takes no resolved address to connect to.

import { lookup } from "node:dns/promises";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { allowedBy, type AllowedRange, blockedReason } from "./address_rules.ts";

export const MAX_REDIRECTS = 5;
/** How long a hop may take to its answer's headers: the name looked up, connected, answered. */
export const HEADERS_TIMEOUT_MS = 30_000;

/** What a download may reach beyond public addresses, and how names are resolved (tests). */
export interface FetchRules {
  allowed: AllowedRange[];
  resolve?: (host: string) => Promise<string[]>;
  headersTimeoutMs?: number;
}

const systemResolve = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The URL as a download may use it; 400 URL_REFUSED with what is wrong. */
export function checkUrlShape(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("URL_REFUSED", t("Not a URL: {{url}}", { url: text.slice(0, 200) }));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError(
      "URL_REFUSED",
      t("Only http:// and https:// URLs can be downloaded, not {{scheme}}", {
        scheme: url.protocol,
      }),
    );
  }
  if (url.username || url.password) {
    throw new AppError(
      "URL_REFUSED",
      t("Put no user name or password in the URL: KVM Manager does not store secrets"),
    );
  }
  return url;
}

/** `promise`, or the signal's reason once it aborts (what `promise` stands for is not stopped). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => {
    signal.removeEventListener("abort", onAbort);
  });
}

/**
 * Resolves the URL's host and refuses it unless every address is public or allowed. A lookup
 * still going when `signal` aborts throws its reason: the system's resolver has no deadline.
 */
async function checkHost(url: URL, rules: FetchRules, signal: AbortSignal): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  try {
    addresses = blockedReason(host) === "not an address"
      ? await untilAborted((rules.resolve ?? systemResolve)(host), signal)
      : [host];
  } catch (err) {
    if (signal.aborted) throw err;
    throw new AppError(
      "SOURCE_FAILED",
      t("Cannot resolve {{host}}: {{reason}}", { host, reason: (err as Error).message }),
    );
  }
  if (addresses.length === 0) {
    throw new AppError("SOURCE_FAILED", t("{{host}} has no address", { host }));
  }
  for (const address of addresses) {
    const reason = blockedReason(address);
    if (reason && !allowedBy(address, rules.allowed)) {
      throw new AppError(
        "URL_REFUSED",
        t(
          "{{host}} is {{address}}, a {{reason}} address: downloads from it are refused unless an admin allows it under Images › Allowed sources",
          { host, address, reason },
        ),
        { address },
      );
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` (each hop checked), answering the final response and URL. `signal` stops it, the
 * body included. Throws AppError: URL_REFUSED, SOURCE_FAILED, DOWNLOAD_TIMEOUT.
 */
export async function guardedFetch(
  url: string,
  rules: FetchRules,
  { headers, signal }: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ response: Response; url: URL }> {
  let at = checkUrlShape(url);
  for (let hop = 0;; hop++) {
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop.abort(signal.reason);
    const timeoutMs = rules.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
    const timer = setTimeout(() => stop.abort(new Error("headers timeout")), timeoutMs);
    let resolved = false;
    let response: Response;
    try {
      await checkHost(at, rules, stop.signal);
      resolved = true;
      response = await fetch(at, { redirect: "manual", headers, signal: stop.signal });
    } catch (err) {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted || err instanceof AppError) throw err;
      if (stop.signal.aborted) {
        const seconds = String(timeoutMs / 1000);
        throw new AppError(
          "DOWNLOAD_TIMEOUT",
          resolved
            ? t("{{host}} sent no answer in {{seconds}} s", { host: at.host, seconds })
            : t("{{host}} was not resolved to an address in {{seconds}} s", {
              host: at.hostname,
              seconds,
            }),
        );
      }
      throw new AppError(
        "SOURCE_FAILED",
        t("Cannot reach {{host}}: {{reason}}", { host: at.host, reason: (err as Error).message }),
      );
    } finally {
      clearTimeout(timer);
    }
    // From here the caller's signal still stops the body through `stop`; unhooked when it ends.
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return { response, url: at };
    await response.body?.cancel().catch(() => {});
    signal?.removeEventListener("abort", onAbort);
    if (hop + 1 > MAX_REDIRECTS) {
      throw new AppError(
        "SOURCE_FAILED",
        t("More than {{max}} redirects from {{url}}", { max: String(MAX_REDIRECTS), url }),
      );
    }
    let next: string;
    try {
      next = new URL(location, at).href;
    } catch {
      throw new AppError(
        "SOURCE_FAILED",
        t("{{host}} redirected to an invalid URL", { host: at.host }),
      );
    }
    at = checkUrlShape(next);
  }
}
