// libc (libc.so.6) opened on first use, once per symbol table: the modules that call a few of its
// functions (files, the KVM probe, NSS lookups) each declare only what they call, and each call
// that blocks is counted while under way (../in_flight.ts says why).

import { countInFlight } from "../in_flight.ts";

/** A getter of libc's `symbols`, opening libc at its first call and keeping it open. */
export function libcLoader<const S extends Deno.ForeignLibraryInterface>(
  symbols: S,
): () => Deno.DynamicLibrary<S>["symbols"] {
  let loaded: Deno.DynamicLibrary<S>["symbols"] | undefined;
  return () => (loaded ??= countInFlight(
    "libc",
    Deno.dlopen("libc.so.6", symbols).symbols,
    symbols,
  ));
}
