// Decodes libvirt's virTypedParameter arrays, and encodes the ones we hand libvirt
// (https://libvirt.org/html/libvirt-libvirt-common.html).

import { cString } from "./library.ts";

// struct _virTypedParameter { char field[80]; int type; union { ... } value; } — 96 bytes
const FIELD_LENGTH = 80;
const PARAM_SIZE = 96;
// The value union follows the int type, aligned to 8 bytes.
const VALUE_OFFSET = FIELD_LENGTH + 8;
const TYPE = { INT: 1, UINT: 2, LLONG: 3, ULLONG: 4, DOUBLE: 5, BOOLEAN: 6, STRING: 7 } as const;

/** A decoded typed-parameter list: field name to number, boolean or string. */
export type TypedParams = Record<string, number | boolean | string>;

/** Reads `count` typed parameters starting at `params`; nothing is freed here. */
export function readTypedParams(params: Deno.PointerValue, count: number): TypedParams {
  const out: TypedParams = {};
  if (!params) return out;
  const view = new Deno.UnsafePointerView(params);
  for (let i = 0; i < count; i++) {
    const base = i * PARAM_SIZE;
    // field is a NUL-terminated char[80] at the start of each parameter.
    const field = Deno.UnsafePointerView.getCString(params, base);
    const valueAt = base + VALUE_OFFSET;
    switch (view.getInt32(base + FIELD_LENGTH)) {
      case TYPE.INT:
        out[field] = view.getInt32(valueAt);
        break;
      case TYPE.UINT:
        out[field] = view.getUint32(valueAt);
        break;
      case TYPE.LLONG:
        out[field] = Number(view.getBigInt64(valueAt));
        break;
      case TYPE.ULLONG:
        out[field] = Number(view.getBigUint64(valueAt));
        break;
      case TYPE.DOUBLE:
        out[field] = view.getFloat64(valueAt);
        break;
      case TYPE.BOOLEAN:
        out[field] = view.getInt32(valueAt) !== 0;
        break;
      case TYPE.STRING: {
        const ptr = view.getPointer(valueAt);
        out[field] = ptr ? Deno.UnsafePointerView.getCString(ptr) : "";
        break;
      }
    }
  }
  return out;
}

/** One typed parameter to hand to libvirt. */
export type TypedParamEntry =
  | { field: string; ullong: number }
  | { field: string; string: string };

/** A virTypedParameter array and the strings it points into, kept alive while it is used. */
export interface EncodedParams {
  array: Uint8Array<ArrayBuffer>;
  count: number;
  strings: Uint8Array<ArrayBuffer>[];
}

/**
 * Encodes entries as libvirt's virTypedParameter array. JavaScript owns every byte, so nothing
 * is handed to virTypedParamsFree; keep the result referenced until the call returns.
 */
export function encodeTypedParams(entries: TypedParamEntry[]): EncodedParams {
  const array = new Uint8Array(PARAM_SIZE * Math.max(entries.length, 1));
  const view = new DataView(array.buffer);
  const strings: Uint8Array<ArrayBuffer>[] = [];
  entries.forEach((entry, i) => {
    const base = i * PARAM_SIZE;
    const name = new TextEncoder().encode(entry.field);
    if (name.length >= FIELD_LENGTH) {
      throw new Error(`typed parameter name too long: ${entry.field}`);
    }
    array.set(name, base);
    if ("string" in entry) {
      view.setInt32(base + FIELD_LENGTH, TYPE.STRING, true);
      const text = cString(entry.string);
      strings.push(text);
      const ptr = Deno.UnsafePointer.value(Deno.UnsafePointer.of(text));
      view.setBigUint64(base + VALUE_OFFSET, BigInt(ptr), true);
    } else {
      view.setInt32(base + FIELD_LENGTH, TYPE.ULLONG, true);
      view.setBigUint64(base + VALUE_OFFSET, BigInt(Math.trunc(entry.ullong)), true);
    }
  });
  return { array, count: entries.length, strings };
}

/** Drops the strings of an encoded array once libvirt returned (the array must not be reused). */
export function releaseParams(params: EncodedParams): void {
  params.strings.length = 0;
}
