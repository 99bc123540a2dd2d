// Keeps OpenSSL's exit handler from racing the threads that end as the process exits.
//
// libvirt loads libcrypto (OpenSSL 3) through its SSH transports (libssh, libssh2), and OpenSSL
// registers OPENSSL_cleanup() with atexit() the first time it is set up. At exit, that handler
// frees every thread's OpenSSL state while a thread that ends at the same moment (deno test's
// thread that ran the test files, a call worker being stopped) frees its own: glibc then finds
// the heap corrupt and aborts the exit ("corrupted size vs. prev_size in fastbins", code 134,
// a core dump). Seen in CI at the end of a lane whose tests had all passed, and reproduced with
// `deno test ffi/libvirt/client_test.ts` twice in 300 runs, one of them with the main thread
// inside OPENSSL_cleanup and a thread in its key destructors (docs/tests.md, ci55).
//
// Setting OpenSSL up first with OPENSSL_INIT_NO_ATEXIT, before libvirt is loaded, means the
// handler is never registered (it is registered once, by whichever set-up comes first). Nothing
// is lost: the process is ending, and the kernel takes its memory back. Where there is no
// libcrypto.so.3, libvirt does not load OpenSSL either, and there is nothing to do.

/** OpenSSL 3's OPENSSL_INIT_NO_ATEXIT (openssl/crypto.h). */
const OPENSSL_INIT_NO_ATEXIT = 0x00080000n;

let settled = false;

/**
 * Sets OpenSSL up without its exit handler, once a process; call it before libvirt is loaded.
 * Returns whether OpenSSL was there to set up.
 */
export function withoutOpenSslExitHandler(): boolean {
  if (settled) return true;
  let crypto;
  try {
    crypto = Deno.dlopen("libcrypto.so.3", {
      // int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
      OPENSSL_init_crypto: { parameters: ["u64", "pointer"], result: "i32" },
    });
  } catch {
    return false;
  }
  // Kept open: libvirt keeps the library loaded for the life of the process anyway.
  settled = crypto.symbols.OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, null) === 1;
  return settled;
}
