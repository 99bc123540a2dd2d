// The error every configuration check throws and the two helpers all sources share: take the
// first value that is set (flag > environment > file), and check a whole number. Kept apart so
// each source's module (flags, TLS, login, file) can use them without importing lib/config.ts.

export class ConfigError extends Error {
  override name = "ConfigError";
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
