// Releases newer than the osinfo-db a host may have: Debian 12's own osinfo-db (2022-12) lists
// no Debian 12, so a search for it found nothing. Each entry joins only when the database lacks
// its id and has its parent, whose resources it inherits (as osinfo's derives-from does).

import type { RawOs } from "./osinfo_raw.ts";

/** libosinfo's own ids, short ids and names for these releases (osinfo-db 2023 and later). */
const NEWER: RawOs[] = [
  release("http://debian.org/debian/12", ["debian12", "debianbookworm"], "Debian 12", "12", {
    date: "2023-06-10",
    parent: "http://debian.org/debian/11",
  }),
  release("http://debian.org/debian/13", ["debian13", "debiantrixie"], "Debian 13", "13", {
    date: "2025-08-09",
    parent: "http://debian.org/debian/12",
  }),
  release(
    "http://ubuntu.com/ubuntu/24.04",
    ["ubuntu24.04", "ubuntunoble"],
    "Ubuntu 24.04 LTS",
    "24.04",
    {
      date: "2024-04-25",
      parent: "http://ubuntu.com/ubuntu/22.04",
    },
  ),
];

function release(
  id: string,
  shortIds: string[],
  name: string,
  version: string,
  { date, parent }: { date: string; parent: string },
): RawOs {
  return {
    id,
    shortIds,
    name,
    version,
    family: "linux",
    releaseDate: date,
    eolDate: null,
    parents: [parent],
    own: {},
  };
}

/** Adds the releases `byId` lacks whose parent it has, in order (Debian 13 after Debian 12). */
export function addNewerReleases(byId: Map<string, RawOs>): void {
  for (const os of NEWER) {
    if (!byId.has(os.id) && os.parents.some((p) => byId.has(p))) byId.set(os.id, os);
  }
}
