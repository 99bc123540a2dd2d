// Writes small in-memory ISO 9660 images (flat root, Joliet names) such as cloud-init seeds.
//
// Layout: 16 empty system sectors, the primary volume descriptor (PVD), the Joliet
// supplementary descriptor (SVD), the terminator, L and M path tables for each tree, the two
// root directories, then the file data, which both trees share. Field offsets follow
// ECMA-119 (https://ecma-international.org/publications-and-standards/standards/ecma-119/);
// Joliet is https://pismotec.com/cfs/jolspec.html.

/** One file of the root directory. */
export interface IsoFile {
  name: string;
  data: Uint8Array;
}

const SECTOR = 2048;
const PVD_SECTOR = 16;
const FILE_NAME = /^[A-Za-z0-9._-]+$/;
const VOLUME_ID = /^[A-Za-z0-9_ -]{1,32}$/;
// Joliet names are limited to 64 UCS-2 characters.
const MAX_NAME = 64;
// One extent holds at most 4 GiB - 1; larger files would need multi-extent records.
const MAX_FILE = 0xffff_ffff;

type Tree = {
  dirSector: number;
  dirSize: number;
  lPath: number;
  mPath: number;
  name: (f: Placed) => Uint8Array;
};
type Placed = IsoFile & { primaryName: string; sector: number };

/**
 * Builds an ISO 9660 image with a flat root directory holding `files`.
 * The primary tree carries mangled level-1 names ("USER_DAT.;1"); the Joliet tree carries
 * the exact names, which is what Linux isofs and xorriso show. Output depends only on the
 * arguments: `date` (default: now) stamps every record.
 * Throws on a bad volume id, a bad or duplicate file name, or a file of 4 GiB or more.
 */
export function buildIso(
  volumeId: string,
  files: IsoFile[],
  { date = new Date() }: { date?: Date } = {},
): Uint8Array {
  if (!VOLUME_ID.test(volumeId)) {
    throw new Error(`Invalid ISO volume id: ${JSON.stringify(volumeId)}`);
  }
  // Directory records store the year as one byte counted from 1900.
  if (
    Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2155
  ) {
    throw new Error("Invalid ISO date");
  }
  checkNames(files);

  const primaryNames = mangleAll(files.map((f) => f.name));
  const primarySorted = files.map((f, i) => ({ ...f, primaryName: primaryNames[i], sector: 0 }));
  const jolietSorted = [...primarySorted];
  primarySorted.sort((a, b) => comparePrimary(a.primaryName, b.primaryName));
  jolietSorted.sort((a, b) => compareUnits(a.name, b.name));

  const encodePrimary = (f: Placed) => ascii(f.primaryName);
  const encodeJoliet = (f: Placed) => ucs2(f.name);
  const primaryDirSize = dirSectors(primarySorted.map(encodePrimary)) * SECTOR;
  const jolietDirSize = dirSectors(jolietSorted.map(encodeJoliet)) * SECTOR;

  // Path tables of a flat tree are one 10-byte record, one sector each.
  const primary: Tree = {
    lPath: PVD_SECTOR + 3,
    mPath: PVD_SECTOR + 4,
    dirSector: PVD_SECTOR + 7,
    dirSize: primaryDirSize,
    name: encodePrimary,
  };
  const joliet: Tree = {
    lPath: PVD_SECTOR + 5,
    mPath: PVD_SECTOR + 6,
    dirSector: primary.dirSector + primaryDirSize / SECTOR,
    dirSize: jolietDirSize,
    name: encodeJoliet,
  };
  let next = joliet.dirSector + jolietDirSize / SECTOR;
  // An empty file owns no sector; sector 0 keeps its extent inside the volume even when it
  // sorts last (the next free sector would then lie past the end).
  for (const f of primarySorted) {
    f.sector = f.data.length ? next : 0;
    next += Math.ceil(f.data.length / SECTOR);
  }
  const totalSectors = next;

  const image = new Uint8Array(totalSectors * SECTOR);
  const stamp = dirDate(date);
  image.set(volumeDescriptor(1, volumeId, primary, totalSectors, date), PVD_SECTOR * SECTOR);
  image.set(volumeDescriptor(2, volumeId, joliet, totalSectors, date), (PVD_SECTOR + 1) * SECTOR);
  image.set([255, ...ascii("CD001"), 1], (PVD_SECTOR + 2) * SECTOR);
  for (const tree of [primary, joliet]) {
    image.set(pathTable(tree.dirSector, true), tree.lPath * SECTOR);
    image.set(pathTable(tree.dirSector, false), tree.mPath * SECTOR);
  }
  image.set(directory(primary, primarySorted, stamp), primary.dirSector * SECTOR);
  image.set(directory(joliet, jolietSorted, stamp), joliet.dirSector * SECTOR);
  for (const f of primarySorted) image.set(f.data, f.sector * SECTOR);
  return image;
}

function checkNames(files: IsoFile[]): void {
  const seen = new Set<string>();
  for (const { name, data } of files) {
    // Linux drops trailing dots from Joliet names, so "a." would show up as "a".
    if (
      name.length > MAX_NAME || !FILE_NAME.test(name) || name === "." || name === ".." ||
      name.endsWith(".")
    ) {
      throw new Error(`Invalid ISO file name: ${JSON.stringify(name)}`);
    }
    if (seen.has(name)) throw new Error(`Duplicate ISO file name: ${name}`);
    seen.add(name);
    if (data.length > MAX_FILE) throw new Error(`ISO file too large: ${name}`);
  }
}

/** Level-1 names: 8.3 uppercase d-characters with ";1", made unique with a digit suffix. */
function mangleAll(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf(".");
    const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
    let base = clean(dot < 0 ? name : name.slice(0, dot)).slice(0, 8);
    const ext = dot < 0 ? "" : clean(name.slice(dot + 1)).slice(0, 3);
    for (let i = 1; taken.has(`${base}.${ext}`); i++) {
      base = base.slice(0, Math.max(0, 8 - String(i).length)) + i;
    }
    taken.add(`${base}.${ext}`);
    return `${base}.${ext};1`;
  });
}

// ECMA-119 9.3: names, then extensions, compared as if padded with spaces.
function comparePrimary(a: string, b: string): number {
  const [an, ae] = a.replace(";1", "").split(".");
  const [bn, be] = b.replace(";1", "").split(".");
  return compareUnits(an.padEnd(8), bn.padEnd(8)) ||
    compareUnits(ae.padEnd(3), be.padEnd(3));
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function volumeDescriptor(
  type: 1 | 2,
  volumeId: string,
  tree: Tree,
  totalSectors: number,
  date: Date,
): Uint8Array {
  const d = new Uint8Array(SECTOR);
  const joliet = type === 2;
  // Joliet text fields are UCS-2 big-endian padded with UCS-2 spaces.
  const text = (s: string, bytes: number) =>
    joliet ? ucs2(s.slice(0, bytes / 2).padEnd(bytes / 2)) : ascii(s.slice(0, bytes).padEnd(bytes));
  d.set([type, ...ascii("CD001"), 1], 0);
  d.set(text("", 32), 8); // system identifier
  d.set(text(volumeId, 32), 40);
  d.set(both32(totalSectors), 80);
  // UCS-2 level 3 escape sequence; it is what marks the SVD as Joliet.
  if (joliet) d.set(ascii("%/E"), 88);
  d.set(both16(1), 120); // volume set size
  d.set(both16(1), 124); // volume sequence number
  d.set(both16(SECTOR), 128);
  d.set(both32(PATH_TABLE_SIZE), 132);
  d.set(le32(tree.lPath), 140);
  d.set(be32(tree.mPath), 148);
  d.set(record(tree.dirSector, tree.dirSize, dirDate(date), true, new Uint8Array([0])), 156);
  for (const [offset, bytes] of [[190, 128], [318, 128], [446, 128], [574, 128]]) {
    d.set(text("", bytes), offset); // volume set, publisher, preparer, application
  }
  for (const offset of [702, 739, 776]) d.set(text("", 37 - (joliet ? 1 : 0)), offset);
  const stamp = volumeDate(date);
  d.set(stamp, 813); // creation
  d.set(stamp, 830); // modification
  d.set(volumeDate(null), 847); // expiration
  d.set(volumeDate(null), 864); // effective
  d[881] = 1; // file structure version
  return d;
}

const PATH_TABLE_SIZE = 10;

function pathTable(rootSector: number, little: boolean): Uint8Array {
  const t = new Uint8Array(PATH_TABLE_SIZE);
  t[0] = 1; // the root's identifier is one 0x00 byte
  t.set(little ? le32(rootSector) : be32(rootSector), 2);
  t.set(little ? [1, 0] : [0, 1], 6); // parent directory number: the root is its own parent
  return t;
}

function directory(tree: Tree, files: Placed[], stamp: Uint8Array): Uint8Array {
  const out = new Uint8Array(tree.dirSize);
  const records = [
    record(tree.dirSector, tree.dirSize, stamp, true, new Uint8Array([0])), // "."
    record(tree.dirSector, tree.dirSize, stamp, true, new Uint8Array([1])), // ".." of the root
    ...files.map((f) => record(f.sector, f.data.length, stamp, false, tree.name(f))),
  ];
  let at = 0;
  for (const r of records) {
    // A record never crosses a sector boundary; the rest of the sector stays zero.
    if ((at % SECTOR) + r.length > SECTOR) at = Math.ceil(at / SECTOR) * SECTOR;
    out.set(r, at);
    at += r.length;
  }
  return out;
}

function dirSectors(names: Uint8Array[]): number {
  let at = 34 * 2;
  for (const n of names) {
    const len = recordLength(n);
    if ((at % SECTOR) + len > SECTOR) at = Math.ceil(at / SECTOR) * SECTOR;
    at += len;
  }
  return Math.ceil(at / SECTOR);
}

const recordLength = (id: Uint8Array) => 33 + id.length + (id.length % 2 === 0 ? 1 : 0);

function record(
  sector: number,
  size: number,
  stamp: Uint8Array,
  isDir: boolean,
  id: Uint8Array,
): Uint8Array {
  const r = new Uint8Array(recordLength(id));
  r[0] = r.length;
  r.set(both32(sector), 2);
  r.set(both32(size), 10);
  r.set(stamp, 18);
  r[25] = isDir ? 2 : 0;
  r.set(both16(1), 28); // volume sequence number
  r[32] = id.length;
  r.set(id, 33);
  return r;
}

/** 7-byte directory record date, UTC (offset 0). */
function dirDate(d: Date): Uint8Array {
  return new Uint8Array([
    d.getUTCFullYear() - 1900,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    0,
  ]);
}

/** 17-byte volume descriptor date "YYYYMMDDHHMMSScc" plus UTC offset; null means "not set". */
function volumeDate(d: Date | null): Uint8Array {
  const out = new Uint8Array(17);
  if (!d) {
    out.set(ascii("0".repeat(16)));
    return out;
  }
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  out.set(ascii(
    p(d.getUTCFullYear(), 4) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) +
      p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) +
      p(Math.floor(d.getUTCMilliseconds() / 10)),
  ));
  return out;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function ucs2(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) >> 8;
    out[2 * i + 1] = s.charCodeAt(i) & 0xff;
  }
  return out;
}

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
const be32 = (n: number) => le32(n).reverse();
const both16 = (n: number) => [...le16(n), ...le16(n).reverse()];
const both32 = (n: number) => [...le32(n), ...be32(n)];
