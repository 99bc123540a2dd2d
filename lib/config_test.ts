import { assertEquals, assertMatch } from "./testing/assert.ts";
import { ConfigError, parseListen, parseServeArgs, resolveUri } from "./config.ts";

const env = (vars: Record<string, string>, files: string[] = [], isRoot = false) => ({
  get: (n: string) => vars[n],
  exists: (p: string) => files.includes(p),
  isRoot,
});

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("config - URI order: --connect, LIBVIRT_DEFAULT_URI, system socket, demo", () => {
  const all = env({ LIBVIRT_DEFAULT_URI: "qemu:///session" }, ["/run/libvirt/libvirt-sock"]);
  assertEquals(resolveUri("qemu+ssh://h/system", all).uri, "qemu+ssh://h/system");
  assertEquals(resolveUri(undefined, all), {
    uri: "qemu:///session",
    uriSource: "env",
    demo: false,
  });
  assertEquals(
    resolveUri(undefined, env({}, ["/run/libvirt/libvirt-sock"])),
    { uri: "qemu:///system", uriSource: "system", demo: false },
  );
  assertEquals(resolveUri(undefined, env({})), {
    uri: "test:///default",
    uriSource: "demo",
    demo: true,
  });
});

Deno.test("config - listen defaults to loopback and refuses other addresses", () => {
  assertEquals(parseServeArgs([], env({ HOME: "/home/a" })).listen, {
    hostname: "127.0.0.1",
    port: 8420,
  });
  assertEquals(parseListen("[::1]:9000"), { hostname: "::1", port: 9000 });
  assertEquals(parseListen("localhost:80"), { hostname: "localhost", port: 80 });
  assertMatch(configError(() => parseListen("0.0.0.0:8420")), /Refusing to listen on 0\.0\.0\.0/);
  assertMatch(configError(() => parseListen("8420")), /expected HOST:PORT/);
  assertMatch(configError(() => parseListen("127.0.0.1:99999")), /must be 0-65535/);
});

Deno.test("config - data dir per user, per host for root; unknown flags refused", () => {
  assertEquals(
    parseServeArgs([], env({ HOME: "/home/a" })).dataDir,
    "/home/a/.local/share/kvm-manager",
  );
  assertEquals(parseServeArgs([], env({}, [], true)).dataDir, "/var/lib/kvm-manager");
  assertEquals(parseServeArgs(["--data-dir", "/tmp/x"], env({})).dataDir, "/tmp/x");
  assertMatch(configError(() => parseServeArgs(["--bogus"], env({}))), /bogus/);
});
