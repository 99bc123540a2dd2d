// HTTP-01: while an order runs, a plain-HTTP listener answers the CA's
// GET /.well-known/acme-challenge/TOKEN with its key authorization, and nothing else (404). It
// listens only for the order, as certbot's standalone mode does: the server's own port speaks
// HTTPS, and the CA comes on port 80 (or the port the admin set, for a CA that checks elsewhere).

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

const PREFIX = "/.well-known/acme-challenge/";
/** A token is base64url (RFC 8555 8.1): nothing else is looked up. */
const TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const CLOSE_WAIT_MS = 1000;

export class Http01Responder {
  readonly #answers = new Map<string, string>();
  #server: Deno.HttpServer | null = null;

  /** Listens on `hostname:port`; 409 ACME_PORT_BUSY when something else holds the port. */
  listen(hostname: string, port: number): void {
    try {
      this.#server = Deno.serve({ hostname, port, onListen: () => {} }, (req) => this.#answer(req));
    } catch (err) {
      if (err instanceof Deno.errors.AddrInUse) {
        throw new AppError(
          "ACME_PORT_BUSY",
          t(
            "Port {{port}} is in use by another program, so the CA's HTTP-01 check cannot reach this server: stop it, or use the DNS-01 challenge",
            { port },
          ),
        );
      }
      if (err instanceof Deno.errors.PermissionDenied) {
        throw new AppError(
          "ACME_PORT_BUSY",
          t(
            "This server may not listen on port {{port}} for the CA's HTTP-01 check: run it as root, or use the DNS-01 challenge",
            { port },
          ),
        );
      }
      throw err;
    }
  }

  set(token: string, keyAuthorization: string): void {
    this.#answers.set(token, keyAuthorization);
  }

  remove(token: string): void {
    this.#answers.delete(token);
  }

  /**
   * Stops listening at once. It waits at most a second for requests under way: anyone may
   * connect to this port, and one who sends a body a byte at a time must not hold the order.
   */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#answers.clear();
    if (!server) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      server.shutdown(),
      new Promise((r) => timer = setTimeout(r, CLOSE_WAIT_MS)),
    ]);
    clearTimeout(timer);
  }

  #answer(req: Request): Response {
    const path = new URL(req.url).pathname;
    const token = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : "";
    const answer = req.method === "GET" && TOKEN.test(token) ? this.#answers.get(token) : undefined;
    return answer === undefined
      ? new Response("Not found\n", { status: 404 })
      : new Response(answer, { headers: { "content-type": "text/plain" } });
  }
}
