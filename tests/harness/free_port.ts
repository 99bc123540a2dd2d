// A TCP port on loopback that nothing listens on now: the kernel hands one out, and it is closed
// again before returning (another process could take it meanwhile; tests retry where that
// matters).

export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
