// The settings card's text fields as the API takes them and back: allowed sources one per
// line, mirrors as "FROM TO" per line, the cap in GiB.

import type { ImageMirror } from "../../shared/images.ts";

const GIB = 1024 ** 3;

export const linesOf = (text: string) =>
  text.split("\n").map((l) => l.trim()).filter((l) => l !== "");

/** "FROM TO" lines → mirrors; a line that is not two words is kept as its own words. */
export function mirrorsOf(text: string): ImageMirror[] {
  return linesOf(text).map((line) => {
    const [from, to = ""] = line.split(/\s+/);
    return { from, to };
  });
}

export const mirrorsText = (mirrors: ImageMirror[]) =>
  mirrors.map((m) => `${m.from} ${m.to}`).join("\n");

export const gibOf = (bytes: number) => Math.round((bytes / GIB) * 100) / 100;
export const bytesOfGib = (gib: number) => Math.round(gib * GIB);
