// The server's listener, whose certificate can be replaced while it serves: Deno.serve takes its
// certificate once, so a renewed one is served by a new listener on the same address. The old one
// stops accepting and finishes what it serves (open pages, consoles) with the certificate they
// began with; between the two, new connections wait a few milliseconds in the kernel's backlog
// or, at worst, are refused once and retried by the browser.

export interface Pair {
  cert: string;
  key: string;
}

/** How long a new listener tries for the address its predecessor is letting go of. */
const REBIND_TRIES = 200;
const REBIND_WAIT_MS = 5;

export class SwappableListener {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #pair: Pair | null;
  readonly #leaving: Promise<void>[] = [];

  constructor(
    private readonly where: { hostname: string; port: number },
    pair: Pair | null,
    private readonly handler: Deno.ServeHandler<Deno.NetAddr>,
  ) {
    this.#pair = pair;
    this.#server = this.#serve(where.port, pair);
  }

  get addr(): Deno.NetAddr {
    return this.#server.addr;
  }

  /** Serves `pair` from now on; throws (still serving the old one) when it cannot be served. */
  async swap(pair: Pair): Promise<void> {
    const { port } = this.addr;
    const old = this.#server;
    this.#leaving.push(old.shutdown());
    for (let tries = 1;; tries++) {
      try {
        this.#server = this.#serve(port, pair);
        this.#pair = pair;
        return;
      } catch (err) {
        if (err instanceof Deno.errors.AddrInUse && tries < REBIND_TRIES) {
          await new Promise((r) => setTimeout(r, REBIND_WAIT_MS));
          continue;
        }
        // The new pair did not serve: the old one does again, so the server stays reachable.
        this.#server = this.#serve(port, this.#pair);
        throw err;
      }
    }
  }

  /** Stops accepting; resolves when every connection, old listeners' too, has ended. */
  async shutdown(): Promise<void> {
    await Promise.all([this.#server.shutdown(), ...this.#leaving]);
  }

  #serve(port: number, pair: Pair | null): Deno.HttpServer<Deno.NetAddr> {
    return Deno.serve({
      hostname: this.where.hostname,
      port,
      onListen: () => {},
      ...(pair ? { cert: pair.cert, key: pair.key } : {}),
    }, this.handler);
  }
}
