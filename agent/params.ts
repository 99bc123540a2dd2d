// Checking a method's params object: each helper names the field it refuses, and a key the
// method does not know is refused too (a misspelt option must not be silently ignored).

import { invalidParams } from "./errors.ts";

export type Params = Record<string, unknown>;

export function onlyKeys(params: Params, known: string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw invalidParams(
        known.length
          ? `unknown parameter "${key}" (this method takes: ${known.join(", ")})`
          : `unknown parameter "${key}" (this method takes none)`,
      );
    }
  }
}

export function requiredString(params: Params, key: string): string {
  const v = params[key];
  if (typeof v !== "string") throw invalidParams(`params.${key} must be a string`);
  return v;
}

export function optionalInteger(
  params: Params,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw invalidParams(`params.${key} must be an integer from ${min} to ${max}`);
  }
  return v;
}

export function optionalStringList(params: Params, key: string): string[] | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalidParams(`params.${key} must be an array of strings`);
  v.forEach((s, i) => {
    if (typeof s !== "string") throw invalidParams(`params.${key}[${i}] must be a string`);
  });
  return v as string[];
}
