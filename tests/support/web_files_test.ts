import { assert, assertEquals } from "./assert.ts";
import { sha256Hex, sha256sums, startWebFiles } from "./web_files.ts";

const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);

Deno.test("web files - whole file, ranges, 416, If-Range, redirect, 404, sums", async () => {
  await using web = startWebFiles();
  web.serve("/a.bin", bytes);
  const whole = await fetch(web.url("/a.bin"));
  assertEquals(whole.status, 200);
  const etag = whole.headers.get("etag")!;
  assertEquals(new Uint8Array(await whole.arrayBuffer()), bytes);

  const part = await fetch(web.url("/a.bin"), { headers: { range: "bytes=100-199" } });
  assertEquals([part.status, part.headers.get("content-range")], [206, "bytes 100-199/300000"]);
  assertEquals(new Uint8Array(await part.arrayBuffer()), bytes.subarray(100, 200));
  const rest = await fetch(web.url("/a.bin"), {
    headers: { range: "bytes=299990-", "if-range": etag },
  });
  assertEquals(rest.status, 206);
  assertEquals((await rest.arrayBuffer()).byteLength, 10);
  const beyond = await fetch(web.url("/a.bin"), { headers: { range: "bytes=400000-" } });
  assertEquals([beyond.status, beyond.headers.get("content-range")], [416, "bytes */300000"]);
  await beyond.body?.cancel();
  const changed = await fetch(web.url("/a.bin"), {
    headers: { range: "bytes=10-", "if-range": '"other"' },
  });
  assertEquals(changed.status, 200);
  await changed.body?.cancel();

  web.redirect("/r", "http://10.0.0.1/x");
  const r = await fetch(web.url("/r"), { redirect: "manual" });
  assertEquals([r.status, r.headers.get("location")], [302, "http://10.0.0.1/x"]);
  await r.body?.cancel();
  const missing = await fetch(web.url("/none"));
  assertEquals(missing.status, 404);
  await missing.body?.cancel();
  assertEquals(sha256sums({ "a.bin": bytes }), `${sha256Hex(bytes)}  a.bin\n`);
  assertEquals(web.requests().map((q) => q.range), [
    null,
    "bytes=100-199",
    "bytes=299990-",
    "bytes=400000-",
    "bytes=10-",
    null,
    null,
  ]);
});

Deno.test("web files - a dropped connection errors the reader after the bytes sent; then whole again", async () => {
  await using web = startWebFiles();
  web.serve("/d.bin", bytes);
  web.dropAfter("/d.bin", 100_000, 1);
  const res = await fetch(web.url("/d.bin"));
  assertEquals(res.headers.get("content-length"), "300000");
  let got = 0;
  let failed = false;
  try {
    for await (const chunk of res.body!) got += chunk.length;
  } catch {
    failed = true;
  }
  assert(failed, `the body read failed (got ${got} bytes)`);
  assertEquals(got, 100_000);
  const again = await fetch(web.url("/d.bin"));
  assertEquals(new Uint8Array(await again.arrayBuffer()), bytes);
});

Deno.test("web files - a stalled body sends headers and no byte until close", async () => {
  const web = startWebFiles();
  web.serve("/s.bin", bytes);
  web.stall("/s.bin");
  const res = await fetch(web.url("/s.bin"));
  assertEquals(res.status, 200);
  const reader = res.body!.getReader();
  const first = await Promise.race([
    reader.read().then(() => "data", () => "error"),
    new Promise((r) => setTimeout(() => r("quiet"), 300)),
  ]);
  assertEquals(first, "quiet");
  await reader.cancel().catch(() => {});
  await web.close();
});
