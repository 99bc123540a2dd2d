// The OS variant search against the real osinfo database of this host (and what the server
// adds for releases newer than it): the field's own examples find something, "debian 12"
// finds Debian 12 however it is written, and a search that finds nothing suggests near names.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { loadOsVariants } from "../../lib/vms/osinfo.ts";
import type { CreateOptions } from "../../shared/vms.ts";
import { wizardOptions } from "./options.ts";
import { compact, matchVariants, nearVariants, SEARCH_EXAMPLES } from "./os_search.ts";

const SYSTEM_DB = "/usr/share/osinfo";

async function variants() {
  const all = await loadOsVariants({ roots: [SYSTEM_DB] });
  // No database is a broken test bed, not a pass: fail loudly.
  assert(all.length > 500, `osinfo-db missing under ${SYSTEM_DB} (${all.length} variants)`);
  return wizardOptions({ osVariants: all } as CreateOptions).osVariants;
}

const search = (vs: Awaited<ReturnType<typeof variants>>, query: string, eol = false) =>
  matchVariants(vs, { osType: "linux", query, eol });

Deno.test("os search - every example the search field offers finds something", async () => {
  const vs = await variants();
  for (const example of SEARCH_EXAMPLES) {
    assert(search(vs, example).length > 0, `"${example}" finds nothing`);
  }
});

Deno.test("os search - debian 12 finds Debian 12 first, however it is written", async () => {
  const vs = await variants();
  for (
    const query of ["debian 12", "Debian 12", "debian12", "DEBIAN12", "debian  12 ", "bookworm"]
  ) {
    const found = search(vs, query);
    assertEquals(found[0]?.id, "debian12", `"${query}" finds ${found[0]?.name}`);
    assertEquals(found[0].name, "Debian 12");
  }
  // Dots and spaces do not count, and the version is searched.
  assertEquals(search(vs, "ubuntu 22.04")[0]?.id, "ubuntu22.04");
  assertEquals(search(vs, "ubuntu2204")[0]?.id, "ubuntu22.04");
  assertEquals(search(vs, "windows 11")[0]?.id, "win11");
  assertEquals(compact("Ubuntu 24.04 LTS"), "ubuntu2404lts");
});

Deno.test("os search - nothing found suggests the nearest names", async () => {
  const vs = await variants();
  assertEquals(search(vs, "debain 12"), []);
  assertEquals(nearVariants(vs, "debain 12")[0]?.id, "debian12");
  const near = nearVariants(vs, "debian 99").map((v) => v.name);
  assert(near.length > 0 && near.every((n) => n.startsWith("Debian")), near.join(", "));
  assertEquals(nearVariants(vs, "zzzzzzzzzzzz"), []);
});
