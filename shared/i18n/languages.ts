// The languages the UI speaks, and how a request's language is chosen: the user's own setting
// first, then the browser's Accept-Language, then English.

export const LANGUAGES = ["en", "de"] as const;
export type Language = typeof LANGUAGES[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** A user's setting: a language, or "auto" to follow the browser. */
export const LANGUAGE_SETTINGS = ["auto", ...LANGUAGES] as const;
export type LanguageSetting = typeof LANGUAGE_SETTINGS[number];

/** Each language by its own name, as a chooser lists them. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", de: "Deutsch" };

export const isLanguage = (value: unknown): value is Language =>
  typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

// Accept-Language is read only this far: a longer header is a client's mistake or an attack.
const ACCEPT_LANGUAGE_MAX = 512;

/**
 * The first language of an Accept-Language header we speak, by quality then order
 * ("de-CH,de;q=0.9,en;q=0.8" → "de"); null when it names none of ours.
 */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranges = header.slice(0, ACCEPT_LANGUAGE_MAX).split(",").map((part, order) => {
    const [tag, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { base: tag.trim().toLowerCase().split("-")[0], quality, order };
  }).filter((r) => Number.isFinite(r.quality) && r.quality > 0);
  ranges.sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranges.map((r) => r.base).find(isLanguage) ?? null;
}

/** The language to answer in: the user's choice unless "auto", then the browser's, then ours. */
export function chooseLanguage(
  setting: LanguageSetting | null | undefined,
  acceptLanguage: string | null | undefined,
): Language {
  if (setting && setting !== "auto") return setting;
  return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}
