import { assertEquals } from "../../tests/support/assert.ts";
import {
  matchEntries,
  pageEntries,
  type PaletteEntry,
  SHOWN_AT_MOST,
  vmEntries,
} from "./entries.ts";

const labels = (list: PaletteEntry[]) => list.map((e) => e.label);

const VMS = [
  { id: "1", name: "db", state: "stopped" as const },
  { id: "2", name: "web", state: "running" as const },
  { id: "3", name: "web-db", state: "paused" as const },
];
const all = (admin = true) => [
  ...pageEntries(admin),
  ...VMS.flatMap((vm) => vmEntries(vm, true)),
];

Deno.test("palette entries - admin-only pages and New VM only for admins", () => {
  const admin = labels(pageEntries(true));
  const viewer = labels(pageEntries(false));
  for (const label of ["Settings", "Access", "Audit", "New VM"]) {
    assertEquals(admin.includes(label), true, label);
    assertEquals(viewer.includes(label), false, label);
  }
  assertEquals(viewer.slice(0, 3), ["Dashboard", "Virtual machines", "Go to tasks"]);
});

Deno.test("palette entries - a VM offers the actions its state allows, none without power", () => {
  const actions = (state: "stopped" | "running" | "paused") =>
    labels(vmEntries({ id: "x", name: "vm", state }, true).filter((e) => e.kind === "action"));
  assertEquals(actions("stopped"), ["Start vm"]);
  assertEquals(actions("running"), [
    "Shut down vm",
    "Reboot vm",
    "Pause vm",
    "Reset vm",
    "Force stop vm",
  ]);
  assertEquals(actions("paused"), ["Resume vm", "Force stop vm"]);
  const viewer = vmEntries({ id: "x", name: "vm", state: "running" }, false);
  assertEquals(viewer.filter((e) => e.kind === "action"), []);
  assertEquals(labels(viewer).slice(0, 3), ["vm", "vm: Console", "vm: Hardware"]);
  assertEquals(viewer[1].href, "/vms/x/console");
});

Deno.test("palette entries - an empty query shows pages and VMs, no tabs or actions", () => {
  const shown = matchEntries(all(), "  ");
  assertEquals(shown.every((e) => e.kind === "page" || e.kind === "vm"), true);
  assertEquals(labels(shown).slice(-3), ["db", "web", "web-db"]);
});

Deno.test("palette entries - whole words first, then word starts, then inside words", () => {
  const db = labels(matchEntries(all(), "db"));
  assertEquals(db.slice(0, 2), ["db", "db: Console"]);
  assertEquals(db.indexOf("web-db") < db.indexOf("web-db: Console"), true);
  assertEquals(labels(matchEntries(all(), "start db")), ["Start db"]);
  assertEquals(labels(matchEntries(all(), "WEB hard")), ["web: Hardware", "web-db: Hardware"]);
  // "irt" is inside "Virtual" only.
  assertEquals(labels(matchEntries(all(), "irt")), ["Virtual machines"]);
  assertEquals(matchEntries(all(), "nothing like this"), []);
});

Deno.test("palette entries - at most SHOWN_AT_MOST shown", () => {
  const many = Array.from({ length: 80 }, (_, i) => ({
    id: String(i),
    name: `vm${i}`,
    state: "running" as const,
  })).flatMap((vm) => vmEntries(vm, true));
  assertEquals(matchEntries(many, "vm").length, SHOWN_AT_MOST);
});
