// The one client for every request KVM Manager makes to a URL someone gave it — image downloads,
// checksum files and index pages, alert webhooks: http and https only; every hop's host resolved
// and refused unless each of its addresses is public or an admin allowed it (address_rules.ts,
// the image settings' allowedSources); the connection made to the address that was checked, never
// to the name resolved again (DNS rebinding): http:// through fetch()'s "tcp" transport to that
// address, https:// through a gate that tunnels to it (connect_gate.ts) while TLS still checks the
// name's certificate. Redirects are followed by hand (each hop checked) or not at all, and each hop
// has one deadline for the name's lookup, the connection and the answer's headers. The body's own
// pace is the caller's (remote_file.ts keeps an idle timeout on it).

import { lookup } from "node:dns/promises";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { allowedBy, type AllowedRange, blockedReason } from "./address_rules.ts";
import { type Gate, openGate } from "./connect_gate.ts";

export const MAX_REDIRECTS = 5;
/** How long a hop may take to its answer's headers: the name looked up, connected, answered. */
export const HEADERS_TIMEOUT_MS = 30_000;

/** What a request may reach beyond public addresses, and test hooks. */
export interface FetchRules {
  /** The addresses and networks an admin allowed (ImageSettingsStore.allowedRanges). */
  allowed: AllowedRange[];
  /** How names are resolved; the system's resolver by default (tests give their own). */
  resolve?: (host: string) => Promise<string[]>;
  headersTimeoutMs?: number;
  /** Certificates trusted besides the system's (tests: a loopback server's own). */
  caCerts?: string[];
  /** Sends the request once its address was checked (tests that must not open connections). */
  send?: typeof fetch;
}

/** How a request is made; a GET of the URL by default, following MAX_REDIRECTS redirects. */
export interface OutboundRequest {
  method?: "GET" | "POST" | "PUT";
  headers?: Record<string, string>;
  body?: string;
  /** Stops the request, its body included. */
  signal?: AbortSignal;
  /** Redirects followed, each hop checked; 0 answers a 3xx as it is (only a GET follows). */
  redirects?: number;
  /**
   * A user and password in the URL: refused ("refuse", downloads: KVM Manager keeps no secrets
   * there), or sent as fetch() sends them, Basic authentication ("send", webhooks).
   */
  credentials?: "refuse" | "send";
}

const systemResolve = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The URL as a request may use it; 400 URL_REFUSED with what is wrong. */
export function checkUrlShape(
  text: string,
  { credentials = "refuse" }: Pick<OutboundRequest, "credentials"> = {},
): URL {
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
  if (credentials === "refuse" && (url.username || url.password)) {
    throw new AppError(
      "URL_REFUSED",
      t("Put no user name or password in the URL: URLs are stored and shown as typed"),
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
 * Resolves the URL's host and refuses it unless every address is public or allowed; answers the
 * address to connect to (the first, in the resolver's order). A lookup still going when `signal`
 * aborts throws its reason: the system's resolver has no deadline.
 */
async function checkedAddress(url: URL, rules: FetchRules, signal: AbortSignal): Promise<string> {
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
          "{{host}} is {{address}}, a {{reason}} address: KVM Manager reaches it only when an admin allows it under Images › Outbound connections",
          { host, address, reason },
        ),
        { address },
      );
    }
  }
  return addresses[0];
}

/**
 * The address to connect to for `host` (a name or an address), refused as a URL's host would be:
 * for connections that are no HTTP request (SMTP for notifications), made to this address only.
 */
export function checkedHostAddress(
  host: string,
  rules: FetchRules,
  signal: AbortSignal,
): Promise<string> {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  let url: URL;
  try {
    url = new URL(`http://${bracketed}`);
  } catch {
    return Promise.reject(
      new AppError(
        "URL_REFUSED",
        t("Not a host name or address: {{host}}", { host: host.slice(0, 200) }),
      ),
    );
  }
  return checkedAddress(url, rules, signal);
}

/** A client whose every connection goes to `address`, the URL's port; close() when answered. */
function pinnedClient(
  url: URL,
  address: string,
  rules: FetchRules,
): { client: Deno.HttpClient; gate: Gate | null; close(): void } {
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const caCerts = rules.caCerts;
  if (url.protocol === "http:") {
    const hostname = address.includes(":") ? `[${address}]` : address;
    const client = Deno.createHttpClient({ caCerts, proxy: { transport: "tcp", hostname, port } });
    return { client, gate: null, close: () => client.close() };
  }
  const gate = openGate({ authority: `${url.hostname}:${port}`, address, port });
  const client = Deno.createHttpClient({ caCerts, proxy: gate.proxy });
  return {
    client,
    gate,
    close: () => {
      client.close();
      gate.close();
    },
  };
}

/** `url` as an error may show it: no user or password, the query (tokens often sit there) cut. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
}

/**
 * `text` (an error's words) with every URL in it shown as `shownUrl` does; `url`, the URL asked
 * for, is cut wherever it stands, even where the text around it would end a URL early.
 */
export function withoutUrlSecrets(text: string, url?: URL): string {
  let out = text;
  if (url) {
    for (const form of new Set([url.href, url.href.replace(/\/$/, "")])) {
      out = out.replaceAll(form, shownUrl(url));
    }
  }
  return out.replace(/\bhttps?:\/\/[^\s()<>"']+/gi, (found) => {
    try {
      return shownUrl(new URL(found));
    } catch {
      return found.replace(/\/\/[^/?#\s]*@/, "//").replace(/\?.*$/, "?…");
    }
  });
}

/** Why a request failed: the gate's own failure to connect, else fetch()'s cause in words. */
function failureOf(err: unknown, pinned: { gate: Gate | null } | null, url: URL): string {
  const cause = (err as Error).cause;
  return withoutUrlSecrets(
    pinned?.gate?.failure() ?? (cause instanceof Error ? cause.message : (err as Error).message),
    url,
  );
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Asks for `url` (each hop checked), answering the final response and URL. `signal` stops it, the
 * body included. Throws AppError: URL_REFUSED, SOURCE_FAILED, DOWNLOAD_TIMEOUT.
 */
export async function guardedFetch(
  url: string,
  rules: FetchRules,
  { method = "GET", headers, body, signal, redirects = MAX_REDIRECTS, credentials }:
    OutboundRequest = {},
): Promise<{ response: Response; url: URL }> {
  let at = checkUrlShape(url, { credentials });
  const follows = method === "GET" ? redirects : 0;
  for (let hop = 0;; hop++) {
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop.abort(signal.reason);
    const timeoutMs = rules.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
    const timer = setTimeout(() => stop.abort(new Error("headers timeout")), timeoutMs);
    let resolved = false;
    let pinned: ReturnType<typeof pinnedClient> | null = null;
    let response: Response;
    try {
      const address = await checkedAddress(at, rules, stop.signal);
      resolved = true;
      const init = { method, headers, body, redirect: "manual", signal: stop.signal } as const;
      if (rules.send) response = await rules.send(at, init);
      else {
        pinned = pinnedClient(at, address, rules);
        response = await fetch(at, { ...init, client: pinned.client });
      }
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
        t("Cannot reach {{host}}: {{reason}}", {
          host: at.host,
          reason: failureOf(err, pinned, at),
        }),
      );
    } finally {
      clearTimeout(timer);
      // The connection is made: the answer's body goes on without the client or the gate.
      pinned?.close();
    }
    // From here the caller's signal still stops the body through `stop`; unhooked when it ends.
    const location = response.headers.get("location");
    if (follows === 0 || !REDIRECTS.has(response.status) || location === null) {
      return { response, url: at };
    }
    await response.body?.cancel().catch(() => {});
    signal?.removeEventListener("abort", onAbort);
    if (hop + 1 > follows) {
      throw new AppError(
        "SOURCE_FAILED",
        t("More than {{max}} redirects from {{url}}", {
          max: String(follows),
          url: withoutUrlSecrets(url),
        }),
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
    at = checkUrlShape(next, { credentials });
  }
}
