// Which file a library entry's download fetches, and its checksum. An entry at a stable URL is
// that URL. An entry with a file-name pattern names a folder: the newest name the pattern
// matches is read from the sums file published there (Debian's SHA512SUMS, Fedora's CHECKSUM)
// or, when each file has a sums file of its own ("{file}.sha512", Alpine), from the folder's
// index page. A sums file whose own name carries the release ("Fedora-Cloud-43-*-x86_64-CHECKSUM")
// is found in its folder's index page the same way. Everything is fetched through the local
// mirrors and the download rules.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { CatalogEntry } from "../../shared/images.ts";
import { type FetchRules, guardedFetch } from "../outbound/guarded_fetch.ts";
import { readText } from "./pump.ts";
import { newestMatch } from "./file_pattern.ts";
import {
  type Checksum,
  findInFileSums,
  findInSums,
  listSums,
  parseChecksum,
  type SumAlgorithm,
} from "./sums.ts";

/** A sums file is a few lines per image; more is no sums file. */
const MAX_SUMS_BYTES = 1024 * 1024;
/** A folder's index page (Alpine's cloud folder lists some hundred files). */
const MAX_INDEX_BYTES = 4 * 1024 * 1024;
/** The placeholder of a per-file sums file's URL. */
export const FILE_PLACEHOLDER = "{file}";

export interface ResolvedImage {
  /** The URL to fetch (after the mirrors). */
  url: string;
  /** The file's name as published (before any unpacking). */
  fileName: string;
  checksum: Checksum | null;
}

/** The URL's last path part, undone from %-escapes ("" when it ends in /). */
export function fileNameOf(url: URL): string {
  const last = url.pathname.split("/").at(-1) ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Whether the URL's last path part is a pattern ("*"; a "?" would start the URL's query). */
function hasWildcard(url: string): boolean {
  return fileNameOf(new URL(url)).includes("*");
}

/** The file names an index page (Apache's, nginx's autoindex …) links to, in its order. */
export function namesInIndex(html: string): string[] {
  const names: string[] = [];
  for (const m of html.matchAll(/href\s*=\s*["']([^"'?#]+)["'?#]/gi)) {
    const href = m[1];
    if (href.endsWith("/")) continue;
    const last = href.split("/").at(-1)!;
    try {
      names.push(decodeURIComponent(last));
    } catch {
      // Not a name we could ask for.
    }
  }
  return names;
}

/** What a resolution needs of an entry (a plain download is one without a pattern). */
export type Wanted = Pick<CatalogEntry, "url" | "checksumUrl" | "checksum"> & {
  pattern?: string | null;
  algorithm?: SumAlgorithm | null;
};

export class EntryResolver {
  /** `mirrored` rewrites a URL through the local mirrors (plain downloads pass it unchanged). */
  constructor(
    private readonly deps: { rules: () => FetchRules; mirrored: (url: string) => string },
  ) {}

  /**
   * The file, its URL through the mirrors and its published checksum. Throws AppError:
   * SOURCE_FAILED (an answer other than 200, nothing matching the pattern), CHECKSUM_MISMATCH
   * (the sums file lists no checksum for the file) and the download rules' refusals.
   */
  async resolve(entry: Wanted): Promise<ResolvedImage> {
    const { mirrored } = this.deps;
    const perFile = entry.checksumUrl?.includes(FILE_PLACEHOLDER) ?? false;
    const sumsUrl = entry.checksumUrl && !perFile
      ? await this.#sumsFileUrl(entry.checksumUrl)
      : null;
    const sums = sumsUrl ? await this.#text(sumsUrl, MAX_SUMS_BYTES) : null;
    let fileName: string;
    if (entry.pattern) {
      const source = sums ?? await this.#text(mirrored(entry.url), MAX_INDEX_BYTES);
      const names = sums ? listSums(sums.text).map((l) => l.name) : namesInIndex(source.text);
      const found = newestMatch(entry.pattern, names);
      if (!found) {
        throw new AppError(
          "SOURCE_FAILED",
          t("{{list}} lists no file named like {{pattern}}", {
            list: source.url,
            pattern: entry.pattern,
          }),
        );
      }
      fileName = found;
    } else {
      fileName = fileNameOf(new URL(entry.url));
    }
    const url = entry.pattern
      ? mirrored(new URL(encodeURIComponent(fileName), entry.url).href)
      : mirrored(entry.url);
    const algorithm = entry.algorithm ?? null;
    let checksum: Checksum | null = entry.checksum ? parseChecksum(entry.checksum) : null;
    if (sums) {
      checksum = findInSums(sums.text, fileName, algorithm);
      if (!checksum) throw noSum(sums.url, fileName);
    } else if (perFile) {
      const own = await this.#text(
        mirrored(entry.checksumUrl!.replace(FILE_PLACEHOLDER, encodeURIComponent(fileName))),
        MAX_SUMS_BYTES,
      );
      checksum = findInFileSums(own.text, fileName, algorithm);
      if (!checksum) throw noSum(own.url, fileName);
    }
    return { url, fileName, checksum };
  }

  /** The sums file's URL through the mirrors; a pattern in its name found in its folder. */
  async #sumsFileUrl(checksumUrl: string): Promise<string> {
    const mirrored = this.deps.mirrored(checksumUrl);
    if (!hasWildcard(checksumUrl)) return mirrored;
    const folder = new URL(".", mirrored).href;
    const index = await this.#text(folder, MAX_INDEX_BYTES);
    const pattern = fileNameOf(new URL(checksumUrl));
    const found = newestMatch(pattern, namesInIndex(index.text));
    if (!found) {
      throw new AppError(
        "SOURCE_FAILED",
        t("{{list}} lists no file named like {{pattern}}", { list: index.url, pattern }),
      );
    }
    return new URL(encodeURIComponent(found), folder).href;
  }

  /** A small text file (sums file, index page) and the URL it came from at last. */
  async #text(url: string, max: number): Promise<{ text: string; url: string }> {
    const { response, url: at } = await guardedFetch(url, this.deps.rules(), {
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new AppError(
        "SOURCE_FAILED",
        t("{{host}} answered {{status}} for {{path}}", {
          host: at.host,
          status: String(response.status),
          path: at.pathname,
        }),
      );
    }
    const text = await readText(response, max);
    if (text === null) {
      throw new AppError(
        "SOURCE_FAILED",
        t("{{url}} is larger than {{max}} bytes: no sums file or index page", {
          url: at.href,
          max: String(max),
        }),
      );
    }
    return { text, url: at.href };
  }
}

function noSum(sums: string, file: string): AppError {
  return new AppError(
    "CHECKSUM_MISMATCH",
    t("{{sums}} lists no checksum for {{file}}", { sums, file }),
  );
}
