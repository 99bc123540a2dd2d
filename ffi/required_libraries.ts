// The shared libraries the server loads, tried before it starts: a host without one is told
// which package to install at once, not by the first request that needs it (the libvirt calls
// run in workers, PAM at the first sign-in).

import { MissingLibraryError } from "./missing_library.ts";
import { LIBVIRT_PATH } from "./libvirt/library.ts";
import { LIBPAM_PATH } from "./pam/library.ts";

const REQUIRED = [
  { path: LIBVIRT_PATH, debianPackage: "libvirt0" },
  { path: LIBPAM_PATH, debianPackage: "libpam0g" },
];

/** Throws MissingLibraryError for the first of them that does not load. */
export function requireLibraries(): void {
  for (const { path, debianPackage } of REQUIRED) {
    try {
      Deno.dlopen(path, {}).close();
    } catch (cause) {
      throw new MissingLibraryError(path, debianPackage, cause);
    }
  }
}
