// The bundled server (scripts/bundle_server.ts) is the program `deno task start` runs, so it is
// tested as a user meets it: bundled into a folder of its own, started as its own process on the
// test driver, and asked for pages, the API, a sign-in through PAM (the PAM worker's bundle) and
// the event stream; each libvirt worker bundle is started and answers a connect and a call, and
// the download worker's bundle hashes.

import { join } from "node:path";
import { type BenchServer, startBenchServer } from "../bench/server_process.ts";
import { WORKER_BUNDLES } from "../ffi/worker_url.ts";
import { TOP_SCREEN_BUNDLE } from "../cli/top/screen_url.ts";
import type { WorkerReply, WorkerRequest } from "../ffi/libvirt/protocol.ts";
import type { PieceReply, PieceRequest } from "../lib/images/piece_worker.ts";
import { silenceLibvirtErrors } from "../ffi/libvirt/silence_errors.ts";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { bundleServer, CHUNK_LIST } from "./bundle_server.ts";

const ROOT = join(import.meta.dirname!, "..");

/** Asks a worker one request and waits for its reply (or its load error). */
function ask(worker: Worker, req: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`worker failed: ${e.message}`));
    };
    worker.postMessage(req);
  });
}

Deno.test("bundled server - the bundles run: pages, API, PAM sign-in, events and each libvirt worker", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-bundle-" });
  let server: BenchServer | null = null;
  try {
    // The server finds static/ at its bundle's folder/.., as dist/server.js does in the project.
    await Deno.symlink(join(ROOT, "static"), join(dir, "static"));
    const bundle = await bundleServer({ outDir: join(dir, "dist"), force: true, quiet: true });
    for (const name of Object.values(WORKER_BUNDLES)) {
      assert((await Deno.stat(join(dir, "dist", name))).size > 0, name);
    }
    // top's screen is a bundle of its own that loads (Ink's devtools import made harmless);
    // the server's bundle carries none of it.
    const screen = await import(`file://${join(dir, "dist", TOP_SCREEN_BUNDLE.bundle)}`);
    assertEquals(typeof screen.showScreen, "function");
    const serverCode = await Deno.readTextFile(bundle);
    assert(!serverCode.includes("react-devtools-core"), "no Ink in the server bundle");
    // What the server loads on first use is a chunk beside it, not in what every start reads.
    const chunks: string[] = JSON.parse(await Deno.readTextFile(join(dir, "dist", CHUNK_LIST)));
    for (const lazy of ["nodemailer-", "marked.esm-", "de-"]) {
      assert(chunks.some((name) => name.startsWith(lazy)), `a ${lazy}* chunk: ${chunks}`);
    }
    for (const name of chunks) assert((await Deno.stat(join(dir, "dist", name))).isFile, name);

    // As the server does: libvirt's own printing of errors (the test driver has no keepalive) off.
    silenceLibvirtErrors();
    for (const [source, name] of Object.entries(WORKER_BUNDLES)) {
      if (!source.startsWith("ffi/libvirt/")) continue;
      const worker = new Worker(new URL(`file://${join(dir, "dist", name)}`), { type: "module" });
      try {
        const keepAlive = { intervalSeconds: 0, count: 0 };
        const connected = await ask(worker, {
          id: 1,
          type: "connect",
          uri: "test:///default",
          keepAlive,
        });
        assertEquals(connected.ok, true, `${name} connects: ${JSON.stringify(connected)}`);
        const unknown = await ask(worker, { id: 2, type: "call", op: "noSuchOp", args: [] });
        assert(!unknown.ok && /unknown op noSuchOp/.test(unknown.message), JSON.stringify(unknown));
        assertEquals((await ask(worker, { id: 3, type: "disconnect" })).ok, true);
      } finally {
        worker.terminate();
      }
    }

    // The thread that hashes and writes downloads (lib/images/piece_thread.ts) from its bundle.
    const hasher = new Worker(
      new URL(`file://${join(dir, "dist", WORKER_BUNDLES["lib/images/piece_worker.ts"])}`),
      { type: "module" },
    );
    try {
      const replies: PieceReply[] = [];
      const digest = new Promise<void>((resolve, reject) => {
        hasher.onmessage = (e: MessageEvent<PieceReply>) => {
          replies.push(e.data);
          if (e.data.type !== "done") resolve();
        };
        hasher.onerror = (e) => (e.preventDefault(), reject(new Error(e.message)));
      });
      const bytes = new TextEncoder().encode("abc");
      for (
        const req of [
          { type: "start", algorithm: "sha256", file: null },
          { type: "piece", bytes },
          { type: "finish" },
        ] satisfies PieceRequest[]
      ) hasher.postMessage(req);
      await digest;
      assertEquals(replies.map((r) => r.type), ["done", "finished"]);
      assertEquals(
        replies[1],
        {
          type: "finished",
          hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        },
      );
    } finally {
      hasher.terminate();
    }

    server = await startBenchServer("test:///default", { entry: bundle });
    const { url, token } = server;
    const auth = { authorization: `Bearer ${token}` };

    const vms = await fetch(`${url}/api/vms`, { headers: auth });
    assertEquals(vms.status, 200);
    const list = await vms.json() as { id: string; name: string }[];
    const vmId = list.find((entry) => entry.name === "test")?.id;
    assert(vmId, JSON.stringify(list));

    // The VM's pages, whose islands import the browser-only packages the bundle leaves out.
    for (const path of ["", "/console", "/serial"]) {
      const res: Response = await fetch(`${url}/vms/${vmId}${path}`, { headers: auth });
      const body = await res.text();
      assertEquals(res.status, 200, `/vms/:id${path}: ${body.slice(0, 300)}`);
      assert(body.includes("<h1"), `/vms/:id${path} renders`);
    }

    // German, from its chunk, loaded by the first request that asks for it.
    const german = await fetch(`${url}/storage`, { headers: { ...auth, "accept-language": "de" } });
    const germanHtml = await german.text();
    assertEquals(german.status, 200, germanHtml.slice(0, 300));
    assert(germanHtml.includes('lang="de"'), germanHtml.slice(0, 300));
    assert(germanHtml.includes("Speicher"), "the page speaks German");

    const page = await fetch(`${url}/vms`, { headers: auth });
    assertEquals(page.status, 200);
    const html = await page.text();
    assert(html.includes("<table") || html.includes("test"), html.slice(0, 500));
    const script = /src="(\/static\/[^"]+\.js)"/.exec(html)?.[1];
    assert(script, "the page loads an island bundle");
    const js = await fetch(`${url}${script}`);
    assertEquals(js.status, 200, script);
    await js.body?.cancel();

    // A wrong password goes through PAM on the PAM worker's bundle and is refused, not a 500.
    const login = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "kvmm-no-such-user", password: "wrong" }),
    });
    const refused = await login.json() as { code: string };
    assertEquals(login.status, 401, JSON.stringify(refused));

    // The event stream opens with the connection's status.
    const events = await fetch(`${url}/api/events`, { headers: auth });
    assertEquals(events.status, 200);
    const eventReader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await eventReader.read();
    await eventReader.cancel();
    assert(first.value?.includes("connection-status-changed"), first.value);
  } finally {
    await server?.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
