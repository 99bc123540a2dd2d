// Two libvirt hosts that never work, for the tests of a fleet with a host down: one that accepts
// connections and never answers (libvirt's handshake waits on it, so it hangs rather than fails),
// and one on a port nobody listens on (connection refused). One copy for every such test.

export interface DeadHosts {
  /** qemu+tcp URI of the host that accepts and never answers. */
  silentUri: string;
  /** qemu+tcp URI of a port nobody listens on. */
  goneUri: string;
  /** The connections the silent host holds open, unanswered. */
  held: Deno.Conn[];
  /** Stops listening and drops the held connections. */
  close(): void;
}

export function deadHosts(): DeadHosts {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of silent) held.push(conn);
  })();
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (closed.addr as Deno.NetAddr).port;
  closed.close();
  const uriOf = (port: number) => `qemu+tcp://127.0.0.1:${port}/system`;
  return {
    silentUri: uriOf((silent.addr as Deno.NetAddr).port),
    goneUri: uriOf(closedPort),
    held,
    close() {
      silent.close();
      for (const c of held) c.close();
    },
  };
}
