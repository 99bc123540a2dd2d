// Where each file of an OVA (a tar archive) lies inside it: its name, the offset of its bytes
// and their length, read from the 512-byte headers by seeking past each file's bytes, so a
// 40 GiB appliance is indexed in a few reads and its disks are read in place (qemu-img's raw
// driver with an offset) instead of being copied out first. Reads ustar, pax (`path=`) and GNU
// long names; refuses what is no tar archive.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

export interface TarMember {
  name: string;
  offset: number;
  size: number;
}

const BLOCK = 512;
/** An OVA holds a descriptor, a manifest, a certificate and its disks: never thousands. */
const MAX_MEMBERS = 1000;
/** A pax or GNU long-name header is a few hundred bytes. */
const MAX_META = 64 * 1024;

const notTar = (name: string, why: string) =>
  new AppError("INVALID_FORMAT", t("{{name}} is no OVA (a tar archive): {{why}}", { name, why }));

function field(block: Uint8Array, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  // GNU's base-256 form (high bit set) for sizes past 8 GiB.
  if (block[start] & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const text = field(block, start, length).trim();
  return text === "" ? 0 : parseInt(text, 8);
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum === octal(block, 148, 8);
}

async function readAt(file: Deno.FsFile, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  await file.seek(offset, Deno.SeekMode.Start);
  let at = 0;
  while (at < length) {
    const n = await file.read(out.subarray(at));
    if (n === null) break;
    at += n;
  }
  return at === length ? out : out.subarray(0, at);
}

/** The pax record `path=` of an extended header, if it names one. */
function paxPath(text: string): string | undefined {
  for (const line of text.split("\n")) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** The regular files of the tar archive at `path` (shown to users as `name`), in order. */
export async function indexTar(path: string, name: string): Promise<TarMember[]> {
  const file = await Deno.open(path, { read: true });
  try {
    const length = (await file.stat()).size;
    const members: TarMember[] = [];
    let offset = 0;
    let longName: string | undefined;
    while (offset + BLOCK <= length) {
      const header = await readAt(file, offset, BLOCK);
      if (header.every((b) => b === 0)) break;
      if (!checksumOk(header)) {
        throw notTar(name, t("a header at byte {{offset}} is damaged", { offset }));
      }
      const size = octal(header, 124, 12);
      const type = String.fromCharCode(header[156] || 48);
      const data = offset + BLOCK;
      if (data + size > length) throw notTar(name, t("it ends inside a file"));
      if (type === "x" || type === "L") {
        if (size > MAX_META) throw notTar(name, t("a long-name header is too large"));
        const text = new TextDecoder().decode(await readAt(file, data, size)).replace(/\0+$/, "");
        longName = type === "L" ? text : paxPath(text) ?? longName;
      } else if (type === "0" || type === "7") {
        const prefix = field(header, 345, 155);
        const short = field(header, 0, 100);
        members.push({
          name: longName ?? (prefix ? `${prefix}/${short}` : short),
          offset: data,
          size,
        });
        longName = undefined;
        if (members.length > MAX_MEMBERS) throw notTar(name, t("it holds too many files"));
      } else {
        longName = undefined;
      }
      offset = data + Math.ceil(size / BLOCK) * BLOCK;
    }
    if (members.length === 0) throw notTar(name, t("it holds no files"));
    return members;
  } finally {
    file.close();
  }
}

/** The bytes of one member (the descriptor, the manifest): at most `max`, else null. */
export async function readMember(
  path: string,
  member: TarMember,
  max: number,
): Promise<Uint8Array | null> {
  if (member.size > max) return null;
  const file = await Deno.open(path, { read: true });
  try {
    return await readAt(file, member.offset, member.size);
  } finally {
    file.close();
  }
}
