// One osinfo <os> element as read, before inheritance: what osinfo.ts parses and
// osinfo_newer.ts adds, apart from both so neither imports the other.

/** The resources read from osinfo, each with its element, tag and unit. */
export const FIELDS = {
  minimumMemoryMb: ["minimum", "ram", 2 ** 20],
  recommendedMemoryMb: ["recommended", "ram", 2 ** 20],
  minimumCpus: ["minimum", "n-cpus", 1],
  recommendedCpus: ["recommended", "n-cpus", 1],
  minimumDiskGb: ["minimum", "storage", 2 ** 30],
  recommendedDiskGb: ["recommended", "storage", 2 ** 30],
} as const;
export type Field = keyof typeof FIELDS;
export type Resources = Partial<Record<Field, number>>;

/** One <os> element, before inheritance. */
export interface RawOs {
  id: string;
  shortIds: string[];
  name: string;
  version: string | null;
  family: string | null;
  releaseDate: string | null;
  eolDate: string | null;
  parents: string[];
  own: Resources;
  /** osinfo says BIOS is not supported on x86_64 (`<firmware type="bios" supported="false">`). */
  efiOnly?: boolean;
}
