// Decodes libvirt's virTypedParameter arrays (https://libvirt.org/html/libvirt-libvirt-common.html).

// struct _virTypedParameter { char field[80]; int type; union { ... } value; } — 96 bytes
const FIELD_LENGTH = 80;
const PARAM_SIZE = 96;
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
    const valueAt = base + FIELD_LENGTH + 8;
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
