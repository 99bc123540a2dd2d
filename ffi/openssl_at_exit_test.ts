// OpenSSL's exit handler is registered when libvirt is set up as such (virInitialize sets up
// libssh and libssh2, which set up OpenSSL: the premise), and is not when the server's lv() sets
// it up, in any thread (OpenSSL first, ffi/openssl_at_exit.ts). A process asks OpenSSL to call
// abort() from OPENSSL_cleanup() (OPENSSL_atexit), then exits: it aborts (134) only if that
// cleanup runs.

import { assertEquals } from "../tests/support/assert.ts";

const HERE = new URL(".", import.meta.url).href;

/** How a process exits that loads libvirt by `load` (a statement), then asks for the abort. */
async function exitOf(load: string): Promise<{ code: number; stderr: string }> {
  const program = `
import { lv, LIBVIRT_PATH } from "${HERE}libvirt/library.ts";
${load}
const libc = Deno.dlopen("libc.so.6", {
  dlsym: { parameters: ["pointer", "buffer"], result: "pointer" },
});
const abort = libc.symbols.dlsym(null, new TextEncoder().encode("abort\\0"));
const crypto = Deno.dlopen("libcrypto.so.3", {
  OPENSSL_atexit: { parameters: ["pointer"], result: "i32" },
});
if (crypto.symbols.OPENSSL_atexit(abort) !== 1) throw new Error("OPENSSL_atexit refused");
`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-check", program],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("OpenSSL at exit - libvirt set up as such registers OpenSSL's cleanup at exit (the premise)", async () => {
  const { code, stderr } = await exitOf(`
const raw = Deno.dlopen(LIBVIRT_PATH, { virInitialize: { parameters: [], result: "i32" } });
if (raw.symbols.virInitialize() < 0) throw new Error("virInitialize failed");
lv;`);
  assertEquals(code, 134, `OPENSSL_cleanup() was to run at exit and call abort(): ${stderr}`);
});

Deno.test("OpenSSL at exit - libvirt set up the server's way: no OpenSSL cleanup runs at exit", async () => {
  const { code, stderr } = await exitOf("lv(); LIBVIRT_PATH;");
  assertEquals(code, 0, stderr);
});

Deno.test("OpenSSL at exit - set up in a worker first, then the main thread: none runs either", async () => {
  // The call workers load libvirt in their own threads, and may be the first to.
  const { code, stderr } = await exitOf(`
const worker = new Worker(
  "data:application/javascript," + encodeURIComponent(
    'import { lv } from "${HERE}libvirt/library.ts"; lv(); postMessage("up");',
  ),
  { type: "module" },
);
await new Promise((resolve) => worker.onmessage = resolve);
worker.terminate();
lv(); LIBVIRT_PATH;`);
  assertEquals(code, 0, stderr);
});
