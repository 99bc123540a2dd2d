// The host check's daemons item (the real host's is checked in
// tests/qemu_host_check_browser_test.ts), and the reading of process names from a /proc.

import { assertEquals } from "../../tests/support/assert.ts";
import { daemonsItem, readDaemons } from "./daemons.ts";

Deno.test("daemons - read from the processes' names, each once, in a fixed order", async () => {
  const proc = await Deno.makeTempDir({ prefix: "kvmm-test-proc-" });
  try {
    for (
      const [pid, comm] of [["1", "init"], ["20", "virtstoraged"], ["21", "virtqemud"], [
        "22",
        "virtqemud",
      ], ["30", "libvirtd-mig"]]
    ) {
      await Deno.mkdir(`${proc}/${pid}`);
      await Deno.writeTextFile(`${proc}/${pid}/comm`, `${comm}\n`);
    }
    await Deno.mkdir(`${proc}/self`);
    assertEquals(await readDaemons(proc), ["virtqemud", "virtstoraged"]);
  } finally {
    await Deno.remove(proc, { recursive: true });
  }
});

Deno.test("daemons - the item names them, and what modular daemons lack", () => {
  const item = (names: string[]) => {
    const i = daemonsItem(names);
    return [i.status, i.detail, i.fix];
  };
  assertEquals(item(["libvirtd"]), ["pass", "libvirtd (one daemon for everything)", null]);
  assertEquals(item(["virtqemud", "virtnetworkd", "virtstoraged"]), [
    "pass",
    "modular: virtqemud, virtnetworkd, virtstoraged",
    null,
  ]);
  assertEquals(item(["virtqemud", "virtstoraged"]), [
    "warn",
    "modular: virtqemud, virtstoraged; without virtnetworkd, networks cannot be used.",
    "Start virtnetworkd (systemctl enable --now virtnetworkd.socket).",
  ]);
  assertEquals(item([])[0], "warn");
});
