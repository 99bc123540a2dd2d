// A TCP listener on loopback that keeps the first bytes of each connection and answers nothing:
// for tests that prove nothing reached an address (no entry), or what did (a TLS hello, and for
// which name).

export function firstBytesListener() {
  const server = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const firsts: Uint8Array[] = [];
  (async () => {
    for await (const conn of server) {
      const buffer = new Uint8Array(4096);
      conn.read(buffer).then((n) => firsts.push(buffer.subarray(0, n ?? 0)))
        .catch(() => firsts.push(new Uint8Array()))
        .finally(() => setTimeout(() => conn.close(), 100));
    }
  })().catch(() => {});
  return { port: (server.addr as Deno.NetAddr).port, firsts, close: () => server.close() };
}
