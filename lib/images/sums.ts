// Published checksums: "sha256:<hex>" given by hand, or a sums file as distributions publish
// them, GNU style ("<hex>  <name>", "<hex> *<name>") or BSD style ("SHA256 (<name>) = <hex>"),
// the entry for the downloaded file's name picked out.

export type SumAlgorithm = "sha256" | "sha512";

export interface Checksum {
  algorithm: SumAlgorithm;
  /** Lower-case hex. */
  hex: string;
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

/** The sums file's entry for `fileName` (the URL's last path part), or null. */
export function findInSums(text: string, fileName: string): Checksum | null {
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const bsd = /^(SHA256|SHA512) \((.+)\) = ([0-9a-fA-F]+)$/.exec(line);
    if (bsd) {
      const algorithm = bsd[1].toLowerCase() as SumAlgorithm;
      if (bsd[2] === fileName && bsd[3].length === HEX_LENGTH[algorithm]) {
        return { algorithm, hex: bsd[3].toLowerCase() };
      }
      continue;
    }
    const gnu = /^([0-9a-fA-F]+) [ *]?(.+)$/.exec(line);
    if (!gnu) continue;
    const name = gnu[2].replace(/^\.\//, "");
    const algorithm = byLength(gnu[1]);
    if (algorithm && (name === fileName || name.endsWith(`/${fileName}`))) {
      return { algorithm, hex: gnu[1].toLowerCase() };
    }
  }
  return null;
}
