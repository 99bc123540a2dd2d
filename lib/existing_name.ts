// The check for a name that must name something libvirt already has (a pool, a volume, a
// network): a base of lib/ under the features, so storage, networks, images and OVA share it
// without reaching into each other.

import { AppError } from "./errors.ts";
import { t, tKey } from "../shared/i18n/t.ts";

// Whole sentences per kind of name, since the kind changes the sentence in other languages.
const INVALID_NAME = {
  pool: tKey('Invalid pool name "{{name}}"'),
  volume: tKey('Invalid volume name "{{name}}"'),
  network: tKey('Invalid network name "{{name}}"'),
} as const;

/**
 * 400 unless `name` could name an existing pool or volume. Looser than the rules for new names:
 * things made outside KVM Manager may have spaces, but never "/" or control characters.
 */
export function checkExistingName(
  name: string,
  what: keyof typeof INVALID_NAME = "pool",
): string {
  // deno-lint-ignore no-control-regex
  if (!name || name.length > 255 || name.includes("/") || /[\x00-\x1f\x7f]/.test(name)) {
    throw new AppError("INVALID_NAME", t(INVALID_NAME[what], { name }), { field: "name" });
  }
  return name;
}
