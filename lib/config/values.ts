// The error every configuration check throws and the helpers all sources share: parse flags
// strictly, take the first value that is set (flag > environment > file), and check a whole
// number. Kept apart so each source's module (flags, TLS, login, file) and the commands that set
// up a cluster can use them without importing lib/config.ts.

import { parseArgs, type ParseArgsConfig } from "node:util";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * `args` parsed strictly against `options`, with no positionals: an unknown flag or a missing
 * value is a ConfigError (exit 2) in parseArgs' own words.
 */
export function strictFlags<const O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** The first value that is set, with where it came from. */
export function pick<T>(
  ...candidates: [T | undefined, string][]
): { value: T; what: string } | undefined {
  const found = candidates.find(([value]) => value !== undefined);
  return found && { value: found[0]!, what: found[1] };
}

/** `value` as a whole number of `unit` from `min` to `max`; `what` names where it came from. */
export function wholeNumber(
  value: string,
  what: string,
  min: number,
  max: number,
  unit: string,
): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(
      `Invalid ${what} "${value}": expected whole ${unit} from ${min} to ${max}`,
    );
  }
  return n;
}
