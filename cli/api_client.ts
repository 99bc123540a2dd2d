// The client's one way to the server: JSON requests and the console WebSocket with the API
// token, `?host=` and the trusted certificates; every failure becomes a CliError (errors.ts).

import type { CliSettings } from "./config.ts";
import { CliError, EXIT, exitForStatus } from "./errors.ts";
import { connectError, trustedCertificates } from "./tls.ts";

/** A successful answer: its status, parsed JSON body (null when empty) and raw text. */
export interface ApiResponse<T> {
  status: number;
  body: T;
  text: string;
}

type Query = Record<string, string | undefined>;

// The "dom" lib's WebSocket type hides Deno's second argument (handshake headers, HttpClient).
const DenoWebSocket = WebSocket as unknown as new (
  url: string,
  options: WebSocketOptions,
) => WebSocket;

export class ApiClient {
  readonly #settings: CliSettings;
  readonly #token: string;
  readonly #caCerts: string[];
  readonly #names: string | null;
  #http: Deno.HttpClient | undefined;

  private constructor(
    settings: CliSettings,
    token: string,
    caCerts: string[],
    names: string | null,
  ) {
    this.#settings = settings;
    this.#token = token;
    this.#caCerts = caCerts;
    this.#names = names;
    this.#http = caCerts.length ? Deno.createHttpClient({ caCerts }) : undefined;
  }

  /** A client for `settings`; exit 4 without a token, 3 when --insecure cannot read the certificate. */
  static async open(settings: CliSettings): Promise<ApiClient> {
    if (!settings.token) {
      throw new CliError(
        EXIT.AUTH,
        "NO_TOKEN",
        'no API token: give --token, set KVMM_TOKEN or put "token" in ' +
          `${settings.configFile ?? "~/.config/kvm-manager/cli.json"} ` +
          "(make one on the Access page, or POST /api/tokens)",
      );
    }
    const { caCerts, names } = await trustedCertificates(settings);
    return new ApiClient(settings, settings.token, caCerts, names);
  }

  get settings(): CliSettings {
    return this.#settings;
  }

  /** The full URL of an API path, with `?host=` when one is chosen and `query`'s other values. */
  urlFor(path: string, query: Query = {}, scheme: "http" | "ws" = "http"): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, value);
    }
    if (this.#settings.host && !params.has("host")) params.set("host", this.#settings.host);
    const search = params.size ? `?${params}` : "";
    const base = scheme === "ws" ? this.#settings.url.replace(/^http/, "ws") : this.#settings.url;
    return `${base}${path}${search}`;
  }

  /**
   * One JSON request; resolves with a 2xx answer, throws CliError with the API's words otherwise.
   * `text` is sent as it is (a file the server checks itself), `body` as JSON.
   */
  async call<T = unknown>(
    method: string,
    path: string,
    { body, text: sent, query }: { body?: unknown; text?: string; query?: Query } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: "application/json",
    };
    const payload = sent ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(this.urlFor(path, query), {
        method,
        headers,
        body: payload,
        client: this.#http,
      });
    } catch (err) {
      throw this.connectError(err);
    }
    const text = await res.text();
    if (!res.ok) throw errorOf(res.status, res.statusText, text);
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new CliError(
          EXIT.REFUSED,
          "BAD_RESPONSE",
          `the answer to ${method} ${path} is not JSON: is ${this.#settings.url} KVM Manager?`,
        );
      }
    }
    return { status: res.status, body: parsed as T, text };
  }

  /**
   * A GET whose answer is read as it comes (a volume's bytes, the event stream): the response,
   * its body unread; `signal` ends it.
   */
  async download(path: string, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.urlFor(path), {
        headers: { authorization: `Bearer ${this.#token}` },
        client: this.#http,
        signal,
      });
    } catch (err) {
      throw this.connectError(err);
    }
    if (!res.ok) throw errorOf(res.status, res.statusText, await res.text());
    return res;
  }

  /** A WebSocket to an API path, carrying the token (Deno lets a client set handshake headers). */
  webSocket(path: string, query: Query = {}): WebSocket {
    const ws = new DenoWebSocket(this.urlFor(path, query, "ws"), {
      headers: { authorization: `Bearer ${this.#token}` },
      client: this.#http,
    });
    ws.binaryType = "arraybuffer";
    return ws;
  }

  /** Exit 3 in the connection's words (certificate advice included). */
  connectError(err: unknown): CliError {
    return connectError(new URL(this.#settings.url).origin, err, {
      insecure: this.#settings.insecure,
      names: this.#names,
    });
  }

  close(): void {
    this.#http?.close();
    this.#http = undefined;
  }
}

/** The CliError for an HTTP error answer: the API's `{code, message}` when it sent one. */
export function errorOf(status: number, statusText: string, text: string): CliError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch { /* not JSON: a proxy's page or plain text */ }
  if (
    typeof body === "object" && body !== null && !Array.isArray(body) &&
    typeof (body as Record<string, unknown>).code === "string" &&
    typeof (body as Record<string, unknown>).message === "string"
  ) {
    const b = body as Record<string, unknown>;
    return new CliError(exitForStatus(status), b.code as string, b.message as string, b);
  }
  const message = text.trim() && text.length < 300 ? text.trim() : `HTTP ${status} ${statusText}`;
  return new CliError(exitForStatus(status), `HTTP_${status}`, message);
}
