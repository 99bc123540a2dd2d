// The OS variant search: "debian 12", "Debian12", "ubuntu 24.04" and "ubuntu2404" all find
// theirs — spaces, dots, dashes and case do not count; id, short ids, name and version are
// searched — and a search that finds nothing suggests the nearest names.

import type { OsType } from "../../shared/vms.ts";
import type { VariantChoice } from "./options.ts";

/** The searches the field's placeholder offers as examples; each must find something. */
export const SEARCH_EXAMPLES = ["debian 12", "ubuntu", "windows 11"] as const;

/** Lower case without spaces, dots, dashes or underscores: "Ubuntu 24.04" → "ubuntu2404". */
export const compact = (text: string): string => text.toLowerCase().replace(/[\s._-]+/g, "");

/** What a variant is found by, compacted: its name, id, other short ids and version. */
const hay = (v: VariantChoice) => [v.name, v.id, ...v.aliases.split(" ")].map(compact);

/** How well `query` fits: 2 when it is a name or id exactly, 1 when every word is in them. */
function fit(v: VariantChoice, words: string[], whole: string): number {
  const fields = hay(v);
  if (fields.includes(whole)) return 2;
  const all = fields.join(" ");
  return words.every((w) => all.includes(w)) || all.includes(whole) ? 1 : 0;
}

/**
 * The variants `query` finds (exact names and ids first, then the list's own order: supported,
 * newest); without a query, those of `osType`. End-of-life ones only with `eol`.
 */
export function matchVariants(
  variants: VariantChoice[],
  { osType, query, eol }: { osType: OsType; query: string; eol: boolean },
): VariantChoice[] {
  const words = query.split(/\s+/).map(compact).filter(Boolean);
  const shown = variants.filter((v) => eol || v.supported);
  // Unfiltered, the list shows the chosen OS type; a search looks through every type.
  if (!words.length) return shown.filter((v) => v.osType === osType);
  const whole = words.join("");
  const scored = shown.map((v) => [v, fit(v, words, whole)] as const).filter(([, s]) => s > 0);
  return scored.sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/** Levenshtein distance, for "Did you mean": the few edits between two short strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/**
 * Up to `max` variants whose name or id is within a few edits of `query` ("debain 12" →
 * Debian 12, "debian 14" → Debian 13 …), nearest first, supported before end-of-life.
 */
export function nearVariants(variants: VariantChoice[], query: string, max = 3): VariantChoice[] {
  const whole = compact(query);
  if (whole.length < 2) return [];
  const limit = Math.max(2, Math.floor(whole.length / 3));
  return variants
    .map((v) => [v, Math.min(...hay(v).map((h) => distance(whole, h)))] as const)
    .filter(([, d]) => d <= limit)
    .sort((a, b) => a[1] - b[1] || Number(b[0].supported) - Number(a[0].supported))
    .slice(0, max)
    .map(([v]) => v);
}
