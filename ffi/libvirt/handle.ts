// The shared ownership rule of every libvirt object wrapper: one reference, freed exactly once.

import { lv } from "./library.ts";

type FreeSymbol =
  | "virDomainFree"
  | "virStorageVolFree"
  | "virStoragePoolFree"
  | "virNetworkFree"
  | "virStreamFree"
  | "virDomainSnapshotFree"
  | "virDomainCheckpointFree"
  | "virNodeDeviceFree"
  | "virNWFilterFree"
  | "virInterfaceFree";

const registries = new Map<FreeSymbol, FinalizationRegistry<Deno.PointerObject>>();

// A backstop only: explicit free() unregisters, so a reference is never freed twice
// (denodrivers/sqlite3 issue #78 was exactly that double free).
function registry(symbol: FreeSymbol): FinalizationRegistry<Deno.PointerObject> {
  let r = registries.get(symbol);
  if (!r) {
    r = new FinalizationRegistry((ptr) => lv()[symbol](ptr));
    registries.set(symbol, r);
  }
  return r;
}

/** Base of the libvirt object wrappers. Call `free()` or declare the object with `using`. */
export abstract class LibvirtHandle {
  #handle: Deno.PointerObject | null;
  #owned: boolean;
  readonly #free: FreeSymbol;

  /** Takes ownership of a reference, or only borrows it when `owned` is false. */
  protected constructor(handle: Deno.PointerObject, free: FreeSymbol, owned: boolean) {
    this.#handle = handle;
    this.#owned = owned;
    this.#free = free;
    if (owned) registry(free).register(this, handle, this);
  }

  /** The live pointer; throws after `free()`. */
  protected get ptr(): Deno.PointerObject {
    // Named from the free symbol ("virDomainFree" -> "Domain"), not constructor.name, which the
    // minified server bundle renames.
    if (!this.#handle) throw new Error(`${this.#free.slice(3, -4)} used after free()`);
    return this.#handle;
  }

  /** Releases the reference (a borrowed one is only forgotten); safe to call twice. */
  free(): void {
    if (!this.#handle) return;
    if (this.#owned) {
      registry(this.#free).unregister(this);
      lv()[this.#free](this.#handle);
    }
    this.#handle = null;
  }

  [Symbol.dispose](): void {
    this.free();
  }

  /** The raw pointer, for other ffi/ wrappers that pass this object to libvirt. */
  rawHandle(): Deno.PointerObject {
    return this.ptr;
  }
}
