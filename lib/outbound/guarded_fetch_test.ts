import { assert, assertEquals } from "../../tests/support/assert.ts";
import { withFaultServer } from "../../tests/support/fault_server.ts";
import { AppError } from "../errors.ts";
import { parseAllowed } from "./address_rules.ts";
import { type FetchRules, guardedFetch, withoutUrlSecrets } from "./guarded_fetch.ts";
import { openGate } from "./connect_gate.ts";
import { makeSelfSigned } from "../tls.ts";

/** The test server is on loopback, which requests are refused unless allowed. */
const RULES: FetchRules = { allowed: [parseAllowed("127.0.0.1")!], headersTimeoutMs: 200 };

/** What `promise` rejected with; a failure when it resolves or does not settle within `ms`. */
async function rejection(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ late: true }>((r) => timer = setTimeout(() => r({ late: true }), ms));
  const outcome = await Promise.race([
    promise.then(() => ({ resolved: true }), (err: unknown) => ({ err })),
    late,
  ]).finally(() => clearTimeout(timer));
  if ("err" in outcome) return outcome.err;
  throw new Error(
    `expected a rejection within ${ms} ms, but it ${"late" in outcome ? "hung" : "resolved"}`,
  );
}

Deno.test("guarded fetch - an answer whose headers never come ends at headersTimeoutMs with DOWNLOAD_TIMEOUT", async () => {
  await withFaultServer(async (server) => {
    server.script("/never", { kind: "silent" });
    const started = Date.now();
    const err = await rejection(guardedFetch(server.url("/never"), RULES), 3000) as AppError;
    const took = Date.now() - started;
    assert(err instanceof AppError, String(err));
    // The injected 0.2 s (not the default 30 s) ended it, not before: its words name it.
    assertEquals([err.code, err.status, err.message], [
      "DOWNLOAD_TIMEOUT",
      504,
      `${new URL(server.origin).host} sent no answer in 0.2 s`,
    ]);
    assert(took >= 200, `took ${took} ms`);
  });
});

Deno.test("guarded fetch - a name lookup that never ends counts against the same deadline", async () => {
  // No traffic: the name is never resolved, so nothing is asked of any server.
  const rules: FetchRules = {
    ...RULES,
    headersTimeoutMs: 100,
    resolve: () => new Promise<string[]>(() => {}),
  };
  const err = await rejection(guardedFetch("http://mirror.example/x.img", rules), 3000);
  assert(err instanceof AppError, String(err));
  assertEquals([err.code, err.message], [
    "DOWNLOAD_TIMEOUT",
    "mirror.example was not resolved to an address in 0.1 s",
  ]);
});

Deno.test("guarded fetch - a cancel stops a name lookup that never ends", async () => {
  const rules: FetchRules = {
    ...RULES,
    headersTimeoutMs: 60_000,
    resolve: () => new Promise<string[]>(() => {}),
  };
  const stop = new AbortController();
  const cancelled = new Error("cancelled");
  setTimeout(() => stop.abort(cancelled), 50);
  const err = await rejection(
    guardedFetch("http://mirror.example/x.img", rules, { signal: stop.signal }),
    3000,
  );
  assertEquals(err, cancelled);
});

Deno.test("guarded fetch - the deadline ends with the headers: a body slower than it is read whole", async () => {
  await withFaultServer(async (server) => {
    const bytes = new Uint8Array(256 * 1024).fill(3);
    server.script("/slow", { kind: "file", bytes, pauseMs: 500 });
    const { response } = await guardedFetch(server.url("/slow"), RULES);
    assertEquals(response.status, 200);
    assertEquals((await response.arrayBuffer()).byteLength, bytes.length);
  });
});

/** A listener (127.0.0.1 by default) keeping each request's method, path and host (its URL's). */
function hostListener(tls?: { cert: string; key: string }, hostname = "127.0.0.1", port = 0) {
  const seen: string[] = [];
  const server = Deno.serve(
    { hostname, port, onListen: () => {}, ...tls },
    (req) => {
      const { pathname, host } = new URL(req.url);
      seen.push(`${req.method} ${pathname} ${host}`);
      return new Response("ok");
    },
  );
  return { port: server.addr.port, seen, [Symbol.asyncDispose]: () => server.shutdown() };
}

/**
 * Two listeners on one port, on 127.0.0.2 and 127.0.0.1. The first takes a free port of its own
 * address; another process may hold that port on 127.0.0.1 (or on every address): then another.
 */
async function listenerPair(tls?: { cert: string; key: string }) {
  for (let tries = 1;; tries++) {
    const checked = hostListener(tls, "127.0.0.2");
    try {
      return { checked, other: hostListener(tls, "127.0.0.1", checked.port) };
    } catch (err) {
      await checked[Symbol.asyncDispose]();
      if (!(err instanceof Deno.errors.AddrInUse) || tries === 10) throw err;
    }
  }
}

/** Rules that resolve every name to `address` only (the system's resolver is never asked). */
const resolvingTo = (address: string, allowed = ["127.0.0.1"]): FetchRules => ({
  allowed: allowed.map((a) => parseAllowed(a)!),
  headersTimeoutMs: 2000,
  resolve: () => Promise.resolve([address]),
});

Deno.test("guarded fetch - http connects to the address that was checked, with the URL's name as its Host", async () => {
  // hooks.example resolves nowhere but in the rules: only a connection to the checked address
  // (not the name looked up again by fetch()) can reach the listener.
  await using hook = hostListener();
  const { response } = await guardedFetch(
    `http://hooks.example:${hook.port}/x`,
    resolvingTo("127.0.0.1"),
    { method: "POST", body: "{}", redirects: 0 },
  );
  assertEquals([response.status, await response.text()], [200, "ok"]);
  assertEquals(hook.seen, [`POST /x hooks.example:${hook.port}`]);
});

Deno.test("guarded fetch - https tunnels to the checked address and still checks the name's certificate", async () => {
  const tls = await makeSelfSigned("hooks.example", "127.0.0.1");
  await using hook = hostListener(tls);
  const rules = { ...resolvingTo("127.0.0.1"), caCerts: [tls.cert] };
  const { response } = await guardedFetch(`https://hooks.example:${hook.port}/x`, rules);
  assertEquals([response.status, await response.text()], [200, "ok"]);
  assertEquals(hook.seen, [`GET /x hooks.example:${hook.port}`]);
  // Another name at the same checked address: the certificate is not its own, nothing is asked.
  const err = await rejection(
    guardedFetch(`https://other.example:${hook.port}/y`, rules),
    3000,
  );
  assert(err instanceof AppError, String(err));
  assertEquals(err.code, "SOURCE_FAILED");
  assert(/certificate/i.test(err.message), err.message);
  assertEquals(hook.seen.length, 1);
});

Deno.test("guarded fetch - DNS rebinding: the connection goes to the address that was checked, not to a second lookup's", async () => {
  // The check's lookup says 127.0.0.2; the system's resolver (which fetch() would ask again)
  // says 127.0.0.1 for localhost. Two listeners on one port tell which one was reached. All on
  // loopback: no packet leaves the machine.
  const tls = await makeSelfSigned("localhost", "127.0.0.2");
  for (const scheme of ["http", "https"]) {
    const secure = scheme === "https" ? tls : undefined;
    const pair = await listenerPair(secure);
    await using checked = pair.checked;
    await using other = pair.other;
    const rules = { ...resolvingTo("127.0.0.2", ["127.0.0.0/8"]), caCerts: [tls.cert] };
    const { response } = await guardedFetch(`${scheme}://localhost:${checked.port}/x`, rules, {
      method: "POST",
      body: "{}",
      redirects: 0,
    });
    assertEquals([response.status, await response.text()], [200, "ok"], scheme);
    assertEquals([checked.seen, other.seen], [[`POST /x localhost:${checked.port}`], []], scheme);
  }
});

Deno.test("connect gate - one tunnel, to its own name and port, for the request that holds its key", async () => {
  await using target = hostListener();
  const authority = `hooks.example:${target.port}`;
  const gate = openGate({ authority, address: "127.0.0.1", port: target.port });
  try {
    const { url, basicAuth } = gate.proxy as { url: string; basicAuth: Deno.BasicAuth };
    const gatePort = Number(new URL(url).port);
    const ask = async (line: string, key: string) => {
      using conn = await Deno.connect({ hostname: "127.0.0.1", port: gatePort });
      const auth = btoa(`${basicAuth.username}:${key}`);
      await conn.write(
        new TextEncoder().encode(`${line}\r\nProxy-Authorization: Basic ${auth}\r\n\r\n`),
      );
      const buffer = new Uint8Array(256);
      const n = await conn.read(buffer);
      return new TextDecoder().decode(buffer.subarray(0, n ?? 0)).split("\r\n")[0];
    };
    assertEquals(await ask(`CONNECT ${authority} HTTP/1.1`, "wrong"), "HTTP/1.1 403 Forbidden");
    assertEquals(
      await ask(`CONNECT localhost:22 HTTP/1.1`, basicAuth.password),
      "HTTP/1.1 403 Forbidden",
    );
    assertEquals(
      await ask(`GET http://${authority}/ HTTP/1.1`, basicAuth.password),
      "HTTP/1.1 403 Forbidden",
    );
    assertEquals(
      await ask(`CONNECT ${authority} HTTP/1.1`, basicAuth.password),
      "HTTP/1.1 200 Connection established",
    );
    assertEquals(gate.failure(), null);
  } finally {
    gate.close();
  }
});

Deno.test("guarded fetch - a failure's words show the URL without user, password or query", async () => {
  // A server that answers garbage: fetch() fails with the URL in its words.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = (async () => {
    for await (const conn of listener) {
      await conn.read(new Uint8Array(65536)).catch(() => null);
      await conn.write(new TextEncoder().encode("garbage\r\n\r\n")).catch(() => 0);
      conn.close();
    }
  })().catch(() => {});
  const { port } = listener.addr as Deno.NetAddr;
  try {
    const url = `http://u:PASSW0RD@127.0.0.1:${port}/p/x.img?sig=QUERY-TOKEN&a=(b)`;
    const rules = { ...RULES, headersTimeoutMs: 3000 };
    const err = await rejection(guardedFetch(url, rules, { credentials: "send" }), 5000);
    assert(err instanceof AppError, String(err));
    assertEquals(err.code, "SOURCE_FAILED");
    assert(err.message.includes(`http://127.0.0.1:${port}/p/x.img?…`), err.message);
    for (const secret of ["QUERY-TOKEN", "PASSW0RD", "sig="]) {
      assert(!err.message.includes(secret), `${secret} in ${err.message}`);
    }
  } finally {
    listener.close();
    await serving;
  }
  // Any URL in an error's words, as far as it can be read.
  assertEquals(
    withoutUrlSecrets("for url (https://a:b@h.example:8443/x?t=1#f): no; see http://[::1]/?q"),
    "for url (https://h.example:8443/x?…): no; see http://[::1]/?…",
  );
});
