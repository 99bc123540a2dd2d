// The one rule for names users give things (VMs, templates, profiles, schedules, hosts, pools,
// networks, volumes): browser-safe, so forms show the server's words.
//
// A name is 1–64 characters, does not start with "-" (read as an option by the tools a name
// reaches, e.g. a volume "-x.qcow2") or "." (hidden files, "..", "../x"), and holds no "/"
// (a path), no "<" or ">" (markup such as "</name>") and no control characters (including
// line and paragraph separators and bidirectional overrides, which disguise what is shown).
// Libvirt objects keep stricter rules of their own (letters, digits and a few marks); every
// one of them is inside this one.
//
// The refusals are also the API's words: t() says them in the request's language (English unless
// the caller asks for another) or the page's.

import { t, tKey } from "./i18n/t.ts";

/** The longest name, unless a feature allows more (volumes: 255). */
export const NAME_MAX = 64;

// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The rule in a user's words, for messages and forms: "1-64 characters, not starting …". */
export function nameRule(max = NAME_MAX): string {
  return t(
    "1-{{max}} characters, not starting with '-' or '.', without '/', '<', '>' or control characters",
    { max },
  );
}

// "Invalid KIND name: use RULE" as a whole sentence for each kind a refusal names, since the
// kind's word changes the sentence in other languages ("Ungültiger Vorlagenname").
const INVALID_NAME: Record<string, string> = {
  template: tKey("Invalid template name: use {{rule}}"),
  host: tKey("Invalid host name: use {{rule}}"),
  pool: tKey("Invalid pool name: use {{rule}}"),
  network: tKey("Invalid network name: use {{rule}}"),
};

/** "Invalid KIND name: use RULE", in the current language. */
function invalidName(kind: string, rule: string): string {
  const key = INVALID_NAME[kind];
  return key ? t(key, { rule }) : t("Invalid {{kind}} name: use {{rule}}", { kind, rule });
}

/** True when `name` keeps the rule (see the header); `max` for a feature's longer limit. */
export function isValidName(name: unknown, max = NAME_MAX): name is string {
  return typeof name === "string" && name.length >= 1 && name.length <= max &&
    !/^[-.]/.test(name) && !/[/<>]/.test(name) && !CONTROL.test(name);
}

/**
 * Null when `name` keeps the rule, else "Invalid KIND name: use 1-64 characters, not starting
 * with '-' or '.', …": the whole rule, so a refusal says what would be accepted.
 */
export function nameIssue(kind: string, name: unknown, max = NAME_MAX): string | null {
  return isValidName(name, max) ? null : invalidName(kind, nameRule(max));
}

/** The stricter rule of libvirt's pools and networks, in a refusal's words, for `kind`. */
export function objectNameRule(kind: string): string {
  return invalidName(
    kind,
    t("1-{{max}} letters, digits, '.', '_' or '-', starting with a letter or digit", {
      max: NAME_MAX,
    }),
  );
}

/** Null when `name` keeps libvirt's stricter rule for pools and networks, else the rule. */
export function objectNameIssue(kind: string, name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) &&
      !name.includes("..")
    ? null
    : objectNameRule(kind);
}
