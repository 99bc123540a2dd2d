// The server's listener, whose certificate can be replaced while it serves: Deno.serve takes its
// certificate once, so a renewed one is served by a new listener on the same address. With
// SO_REUSEPORT (Deno's `reusePort`, behind --unstable-net, which every way of starting the server
// passes: SERVER_DENO_FLAGS) the new listener is bound before the old one lets go, so the port is
// never free: the kernel shares a port only between sockets of the same user, so no other local
// user can take it between the two (a swap that closed first and bound after left a gap that a
// process looping on bind() won). The old listener then stops accepting and finishes what it
// serves (open pages, consoles) with the certificate they began with.

export interface Pair {
  cert: string;
  key: string;
}

/** Whether this Deno runs with --unstable-net, which TLS listeners need for `reusePort`. */
export const canSharePort = (): boolean =>
  typeof (Deno as unknown as Record<string, unknown>).QuicEndpoint === "function";

export class SwappableListener {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #closed = false;
  readonly #leaving = new Set<Promise<void>>();
  readonly #share: boolean;

  constructor(
    private readonly where: { hostname: string; port: number },
    pair: Pair | null,
    private readonly handler: Deno.ServeHandler<Deno.NetAddr>,
  ) {
    this.#share = pair !== null && canSharePort();
    // A port another program (or another KVM Manager) holds is refused as it always was: sharing
    // is for our own swap only.
    if (this.#share && where.port !== 0) Deno.listen(where).close();
    this.#server = this.#serve(where.port, pair);
  }

  get addr(): Deno.NetAddr {
    return this.#server.addr;
  }

  /**
   * Serves `pair` from now on. Throws, still serving the old one, when the new pair cannot be
   * served, when the server is closing, or when this Deno cannot share the port (no
   * --unstable-net): then the pair is served from the next start.
   */
  swap(pair: Pair): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("the server is closing"));
    if (!this.#share) {
      return Promise.reject(
        new Error(
          "this Deno was started without --unstable-net, so the listener cannot be replaced safely: the new certificate is served from the next start",
        ),
      );
    }
    const next = this.#serve(this.addr.port, pair);
    const old = this.#server;
    this.#server = next;
    const leaving = old.shutdown().finally(() => this.#leaving.delete(leaving));
    this.#leaving.add(leaving);
    return Promise.resolve();
  }

  /** Stops accepting; resolves when every connection, old listeners' too, has ended. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#server.shutdown(), ...this.#leaving]);
  }

  #serve(port: number, pair: Pair | null): Deno.HttpServer<Deno.NetAddr> {
    return Deno.serve({
      hostname: this.where.hostname,
      port,
      onListen: () => {},
      ...(pair ? { cert: pair.cert, key: pair.key } : {}),
      ...(this.#share ? { reusePort: true } : {}),
    }, this.handler);
  }
}
