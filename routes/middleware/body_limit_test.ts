// Request bodies are bounded while they are read, before sign-in too: through a real listening
// server (so Content-Length and chunked bodies arrive as they do from any client).

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { bodyLimitOf, DOCUMENT_LIMIT, JSON_LIMIT, TEMPLATE_LIMIT } from "./body_limit.ts";

/** The app on a real loopback port for the length of `fn`. */
async function withServer(fn: (base: string, token: string) => Promise<void>) {
  await withTestApp(async (t) => {
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req, info) => t.app.fetch(req, info),
    );
    try {
      await fn(`http://127.0.0.1:${server.addr.port}`, t.token);
    } finally {
      await server.shutdown();
    }
  });
}

/** A body of `size` bytes sent as a stream, so it goes chunked with no Content-Length. */
function chunked(size: number, chunk = 16 * 1024): ReadableStream<Uint8Array> {
  let left = size;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(chunk, left);
      left -= n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

const json = { "content-type": "application/json" };

Deno.test("body limit - a sign-in body over the limit is 413 before anything is read", async () => {
  await withServer(async (base) => {
    // Declared length: refused from the header alone.
    const big = new Uint8Array(JSON_LIMIT + 1).fill(0x20);
    let res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: json, body: big });
    assertEquals(res.status, 413);
    const body = await res.json();
    assertEquals(body.code, "PAYLOAD_TOO_LARGE");
    assertEquals(body.limit, JSON_LIMIT);
    assert(body.message.includes("64 KiB"), body.message);

    // No declared length: counted while it streams, same answer.
    res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: json,
      body: chunked(10 * 1024 * 1024),
    });
    assertEquals(res.status, 413);
    assertEquals((await res.json()).code, "PAYLOAD_TOO_LARGE");

    // Under the limit the route itself answers (here: the missing fields).
    res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: json, body: "{}" });
    assertEquals(res.status, 400);
    await res.body?.cancel();
  });
});

Deno.test("body limit - a signed-in JSON route refuses an oversized streamed body with 413, not 400", async () => {
  await withServer(async (base, token) => {
    const res = await fetch(`${base}/api/templates`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${token}` },
      body: chunked(2 * 1024 * 1024),
    });
    assertEquals(res.status, 413);
    assertEquals((await res.json()).code, "PAYLOAD_TOO_LARGE");
  });
});

Deno.test("body limit - a body under the limit streamed without a length still reaches the route", async () => {
  await withServer(async (base, token) => {
    const text = JSON.stringify({ name: "", config: {} });
    const bytes = new TextEncoder().encode(text);
    const res = await fetch(`${base}/api/templates`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${token}` },
      body: new ReadableStream({
        start(c) {
          c.enqueue(bytes);
          c.close();
        },
      }),
    });
    // The template route read and judged the body: a 4xx of its own, not a 413.
    assert(res.status >= 400 && res.status < 500 && res.status !== 413, `got ${res.status}`);
    assert((await res.json()).code !== "PAYLOAD_TOO_LARGE");
  });
});

Deno.test("body limit - routes that need more take more; uploads stream", () => {
  assertEquals(bodyLimitOf("POST", "/api/auth/login"), JSON_LIMIT);
  assertEquals(bodyLimitOf("POST", "/api/vms/batch"), JSON_LIMIT);
  assertEquals(bodyLimitOf("POST", "/api/vms"), TEMPLATE_LIMIT);
  assertEquals(bodyLimitOf("PUT", "/api/vms/web/xml"), DOCUMENT_LIMIT);
  assertEquals(bodyLimitOf("POST", "/api/vms/import"), DOCUMENT_LIMIT);
  assertEquals(bodyLimitOf("POST", "/api/profiles/import"), DOCUMENT_LIMIT);
  assertEquals(bodyLimitOf("PUT", "/api/pools/default/volumes/a.qcow2/content"), null);
  assertEquals(bodyLimitOf("PUT", "/api/vms/web/guest/file"), null);
});
