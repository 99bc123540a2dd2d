// Loads libvirt and libc for the current thread and owns the C-string helpers.

import { libcSymbols, libvirtSymbols } from "./symbols.ts";
import { MissingLibraryError } from "../missing_library.ts";
import { countInFlight } from "../in_flight.ts";
import { withoutOpenSslExitHandler } from "../openssl_at_exit.ts";

/** Path of the libvirt client library; `KVMM_LIBVIRT_PATH` overrides it. */
export const LIBVIRT_PATH = Deno.env.get("KVMM_LIBVIRT_PATH") ?? "libvirt.so.0";

type Libvirt = Deno.DynamicLibrary<typeof libvirtSymbols>["symbols"];
type Libc = Deno.DynamicLibrary<typeof libcSymbols>["symbols"];

let libvirt: Libvirt | undefined;
let libc: Libc | undefined;

/**
 * With KVMM_COUNT_LIBVIRT_CALLS=1 every libvirt function call is tallied per thread, so the
 * benchmarks can show how many calls an operation makes. Off by default: it costs a closure
 * call per libvirt call.
 */
export const countingWanted = () => Deno.env.get("KVMM_COUNT_LIBVIRT_CALLS") === "1";
let counting = countingWanted();
const callCounts = new Map<string, number>();
let raw: Libvirt | undefined;

/**
 * This thread's libvirt calls so far, by function name (empty unless counting is on). It reads
 * KVMM_COUNT_LIBVIRT_CALLS again, so a thread that loaded libvirt before it was set (the main
 * thread) counts from here on.
 */
export function libvirtCallCounts(): Record<string, number> {
  if (raw && counting !== countingWanted()) {
    counting = !counting;
    libvirt = counting ? counted(raw) : raw;
  }
  return Object.fromEntries(callCounts);
}

function counted(symbols: Libvirt): Libvirt {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(symbols)) {
    out[name] = (...args: unknown[]) => {
      callCounts.set(name, (callCounts.get(name) ?? 0) + 1);
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  return out as Libvirt;
}

/** The libvirt symbols, loaded on first use in this thread. */
export function lv(): Libvirt {
  if (!libvirt) {
    // Before libvirt loads OpenSSL: its exit handler must never be registered (see there).
    withoutOpenSslExitHandler();
    try {
      raw = countInFlight(
        "libvirt",
        Deno.dlopen(LIBVIRT_PATH, libvirtSymbols).symbols,
        libvirtSymbols,
      );
      libvirt = counting ? counted(raw) : raw;
    } catch (cause) {
      throw new MissingLibraryError(LIBVIRT_PATH, "libvirt0", cause);
    }
    if (libvirt!.virInitialize() < 0) throw new Error("virInitialize failed");
  }
  return libvirt!;
}

function c(): Libc {
  libc ??= Deno.dlopen("libc.so.6", libcSymbols).symbols;
  return libc;
}

const RTLD_NOW = 2;
const RTLD_NOLOAD = 4;

/**
 * The address of libvirt's own C function `name` (loaded already by lv()), or null: for handing
 * libvirt a C function where a JavaScript callback would tie the process to this isolate.
 */
export function libvirtFunction(name: string): Deno.PointerObject | null {
  lv();
  const handle = c().dlopen(cString(LIBVIRT_PATH), RTLD_NOW | RTLD_NOLOAD);
  // The extra reference dlopen takes is never dropped: libvirt stays loaded until exit anyway.
  return handle ? c().dlsym(handle, cString(name)) : null;
}

const encoder = new TextEncoder();

/** A NUL-terminated copy of `text` to pass as `const char *`. */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(encoder.encode(text).length + 1);
  encoder.encodeInto(text, bytes);
  return bytes;
}

/** Reads a C string that stays owned by libvirt. */
export function readString(ptr: Deno.PointerValue): string | null {
  return ptr ? Deno.UnsafePointerView.getCString(ptr) : null;
}

/** Reads a C string the caller owns, then frees it at once. */
export function takeString(ptr: Deno.PointerValue): string | null {
  if (!ptr) return null;
  try {
    return Deno.UnsafePointerView.getCString(ptr);
  } finally {
    c().free(ptr);
  }
}

/** Frees memory libvirt handed over with malloc (arrays of object pointers). */
export function freeMemory(ptr: Deno.PointerValue): void {
  if (ptr) c().free(ptr);
}

/** An out-parameter slot for a pointer or an unsigned long. */
export function outSlot(): BigUint64Array<ArrayBuffer> {
  return new BigUint64Array(1);
}

/** Reads the `count` pointers of a C array `T **`. */
export function readPointerArray(array: Deno.PointerValue, count: number): Deno.PointerValue[] {
  if (!array || count <= 0) return [];
  const view = new Deno.UnsafePointerView(array);
  const out: Deno.PointerValue[] = [];
  for (let i = 0; i < count; i++) out.push(Deno.UnsafePointer.create(view.getBigUint64(i * 8)));
  return out;
}

/** Wraps each pointer of a returned C array `T **` (caller owns them), then frees the array. */
export function takeList<T>(
  out: BigUint64Array,
  count: number,
  wrap: (p: Deno.PointerObject) => T,
): T[] {
  const array = Deno.UnsafePointer.create(out[0]);
  const items = readPointerArray(array, count).map((p) => wrap(p!));
  freeMemory(array);
  return items;
}
