// Published checksums: "sha256:<hex>" given by hand, or a sums file as distributions publish
// them — GNU style ("<hex>  <name>", "<hex> *<name>"), BSD style ("SHA256 (<name>) = <hex>", as
// Fedora's CHECKSUM and FreeBSD's CHECKSUM.SHA256 files, clear-signed or not), or one file's own
// sums file (Alpine's "<file>.sha256", which may hold the bare digest) — read line by line.

export type SumAlgorithm = "sha256" | "sha512";

export interface Checksum {
  algorithm: SumAlgorithm;
  /** Lower-case hex. */
  hex: string;
}

/** One line of a sums file: the file's name (its last path part) and its checksum. */
export interface SumsLine extends Checksum {
  name: string;
}

const HEX_LENGTH: Record<SumAlgorithm, number> = { sha256: 64, sha512: 128 };

/** "sha256:<hex>" or "sha512:<hex>" → the checksum; null when it is neither. */
export function parseChecksum(text: string): Checksum | null {
  const m = /^(sha256|sha512):([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m) return null;
  const algorithm = m[1] as SumAlgorithm;
  return m[2].length === HEX_LENGTH[algorithm] ? { algorithm, hex: m[2].toLowerCase() } : null;
}

/** The algorithm a bare hex digest's length names. */
function byLength(hex: string): SumAlgorithm | null {
  return hex.length === 64 ? "sha256" : hex.length === 128 ? "sha512" : null;
}

/**
 * Every file a sums file lists, in its order: GNU and BSD lines (others — comments, a PGP
 * signature's armour — are skipped); names without "./" or a folder before them.
 */
export function listSums(text: string): SumsLine[] {
  const lines: SumsLine[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const bsd = /^(SHA256|SHA512) \((.+)\) = ([0-9a-fA-F]+)$/.exec(line);
    if (bsd) {
      const algorithm = bsd[1].toLowerCase() as SumAlgorithm;
      if (bsd[3].length !== HEX_LENGTH[algorithm]) continue;
      lines.push({ name: baseName(bsd[2]), algorithm, hex: bsd[3].toLowerCase() });
      continue;
    }
    const gnu = /^([0-9a-fA-F]+) [ *]?(.+)$/.exec(line);
    const algorithm = gnu ? byLength(gnu[1]) : null;
    if (gnu && algorithm) {
      lines.push({ name: baseName(gnu[2]), algorithm, hex: gnu[1].toLowerCase() });
    }
  }
  return lines;
}

function baseName(name: string): string {
  return name.split("/").at(-1) ?? name;
}

/**
 * The sums file's entry for `fileName` (the URL's last path part), or null; only of
 * `algorithm` when one is asked for.
 */
export function findInSums(
  text: string,
  fileName: string,
  algorithm: SumAlgorithm | null = null,
): Checksum | null {
  const found = listSums(text).find((l) =>
    l.name === fileName && (algorithm === null || l.algorithm === algorithm)
  );
  return found ? { algorithm: found.algorithm, hex: found.hex } : null;
}

/**
 * One file's own sums file ("<file>.sha512"): its line for `fileName`, or the bare digest it
 * holds alone (of `algorithm` when asked for, else named by its length); null otherwise.
 */
export function findInFileSums(
  text: string,
  fileName: string,
  algorithm: SumAlgorithm | null = null,
): Checksum | null {
  const listed = findInSums(text, fileName, algorithm);
  if (listed) return listed;
  const bare = /^([0-9a-fA-F]+)$/.exec(text.trim());
  const found = bare ? byLength(bare[1]) : null;
  if (!found || (algorithm !== null && found !== algorithm)) return null;
  return { algorithm: found, hex: bare![1].toLowerCase() };
}
