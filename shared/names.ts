// The one rule for names users give things (VMs, templates, profiles, schedules, hosts, pools,
// networks, volumes): browser-safe, so forms show the server's words.
//
// A name is 1–64 characters, does not start with "-" (read as an option by the tools a name
// reaches, e.g. a volume "-x.qcow2") or "." (hidden files, "..", "../x"), and holds no "/"
// (a path), no "<" or ">" (markup such as "</name>") and no control characters (including
// line and paragraph separators and bidirectional overrides, which disguise what is shown), nor
// invisible ones: format characters (\p{Cf}: zero-width spaces and joiners, bidirectional marks,
// soft hyphen, tags, byte order mark, U+180E), private-use and unassigned code points (\p{Co},
// \p{Cn}, which hold the noncharacters such as U+FFFE) and the Hangul fillers that show as
// blanks. The joiners U+200C and U+200D are format characters that writing needs in a few
// places, taken there only (IDNA's CONTEXTJ, simplified): after a virama (Indic half forms), ZWNJ
// between two Arabic-script letters (Persian), ZWJ between emoji (👩‍💻); never in a Latin name.
// Nor default-ignorable code points (variation selectors except an emoji's, the combining grapheme
// joiner, fillers), spaces other than U+0020 (and none at either end), the blank braille pattern, a
// name of marks or spaces only, or more than four combining marks in a row; a joiner after a
// virama only before a letter of the same script.
// It is well-formed UTF-16 first of all: a lone surrogate would be stored as U+FFFD, so
// the name checked would not be the name kept. Fullwidth letters (ＡＢＣ) are names as typed and
// kept as typed: NFKC would change what users wrote, and refusing them would refuse CJK input.
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
// Characters that show nothing, or are no characters (see the header): also every default
// ignorable code point (variation selectors, the combining grapheme joiner, Mongolian and Khmer
// fillers), spaces other than the plain one, and the blank braille pattern.
const INVISIBLE =
  /[\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0\u2800]|[^\P{Zs} ]/u;
// A name needs something that shows: a letter, digit, symbol or punctuation mark.
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
// More combining marks on one character than any script needs stacks into a blot ("Zalgo").
const MARK_PILE = /\p{M}{5}/u;
// The scripts whose viramas take a joiner, to check the letter after it is of the same script.
const INDIC = [
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Myanmar",
  "Khmer",
].map((script) => new RegExp(`\\p{Script=${script}}`, "u"));
// The viramas of the Indic scripts and their neighbours (Devanagari … Khmer).
const VIRAMA = /[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca\u0e3a\u1039\u17d2]/;
const ARABIC = /\p{Script=Arabic}/u;
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Whether a joiner (U+200C, U+200D) stands where writing needs it: see the header. */
function joinerNeeded(joiner: string, before = "", after = ""): boolean {
  if (VIRAMA.test(before)) return INDIC.some((script) => script.test(before) && script.test(after));
  return joiner === "\u200c"
    ? ARABIC.test(before) && ARABIC.test(after)
    : EMOJI_BEFORE.test(before) && EMOJI.test(after);
}

/** True when `name` holds a character that shows nothing, or is none (see the header). */
function hasInvisible(name: string): boolean {
  const chars = [...name];
  return chars.some((c, i) =>
    INVISIBLE.test(c) &&
    !((c === "\u200c" || c === "\u200d") && joinerNeeded(c, chars[i - 1], chars[i + 1])) &&
    // The emoji presentation selector belongs to the pictograph before it (❤️).
    !(c === "\ufe0f" && EMOJI.test(chars[i - 1] ?? ""))
  ) || !VISIBLE.test(name) || MARK_PILE.test(name) || /^ | $/.test(name);
}

/** The rule in a user's words, for messages and forms: "1-64 characters, not starting …". */
export function nameRule(max = NAME_MAX): string {
  return t(
    "1-{{max}} characters, not starting with '-' or '.', without '/', '<', '>', invisible or control characters, nor a space at either end",
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
  return typeof name === "string" && name.isWellFormed() && name.length >= 1 &&
    name.length <= max && !/^[-.]/.test(name) && !/[/<>]/.test(name) && !CONTROL.test(name) &&
    !hasInvisible(name);
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
