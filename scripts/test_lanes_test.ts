// The lane split of the suite: every file lands in exactly one lane, a stale pattern is an
// error, and the combined summary is read the way .ci/run reads deno test's own.

import { assert, assertEquals, assertThrows } from "../tests/support/assert.ts";
import {
  BESIDE_ALONE,
  BOOTS_A_GUEST,
  failureRecap,
  guestsEntry,
  isolates,
  oneIsolateEntry,
  parseSummary,
  runPlan,
  splitLanes,
  testFiles,
  WITH_UNITS,
} from "./test_lanes.ts";
import { talksToRealLibvirt } from "../tests/harness/tiers.ts";

Deno.test("test lanes - every test file of the repository is in exactly one lane", async () => {
  const files = await testFiles();
  const lanes = splitLanes(files);
  const all = [...lanes.guests, ...lanes.pages, ...lanes.units, ...lanes.alone].sort();
  assertEquals(all, files);
  assert(lanes.guests.includes("tests/qemu_create_test.ts"), "real guests go down the guest lane");
  assert(lanes.pages.includes("tests/a11y_browser_test.ts"), "pages go down another");
  assert(lanes.units.includes("lib/store_test.ts"), "unit tests beside the code down the third");
  assert(lanes.guests.includes("routes/api/spice_test.ts"), "a guest beside the code still");
  assert(lanes.units.includes("tests/ha_cluster_test.ts"), "the HA bed in the units' lane");
  assert(lanes.units.includes("tests/qemu_migrate_test.ts"), "so the second libvirtd's users");
  assertEquals(lanes.alone, [
    "tests/libvirtd_restart_test.ts",
    "tests/qemu_agent_services_test.ts",
    "tests/qemu_agent_test.ts",
    "tests/qemu_cloud_image_vm_test.ts",
    "tests/qemu_guest_metrics_test.ts",
    "tests/qemu_profile_test.ts",
    "tests/qemu_stuck_guest_test.ts",
  ]);
});

Deno.test("test lanes - every file that boots a real guest is in the guests' lane", async () => {
  // Beside the guests' lane, a real guest met libvirtd busy with qemu_race's hundred starts, and
  // serial_browser's console waited out its 20 s twice (ci10, ci18). The named exceptions are
  // WITH_UNITS: the release test's one guest at its end, and the files that keep to a daemon or
  // tool of their own (see there).
  const { pages, units } = splitLanes(await testFiles());
  const booting = [];
  for (const f of [...pages, ...units]) {
    if (BOOTS_A_GUEST.test(await Deno.readTextFile(f))) booting.push(f);
  }
  assertEquals(booting, [
    "tests/qemu_maintenance_test.ts",
    "tests/qemu_migrate_test.ts",
    "tests/qemu_restic_restore_test.ts",
    "tests/qemu_restic_test.ts",
    "tests/release_test.ts",
  ]);
  assert(booting.every((f) => WITH_UNITS.some((p) => p.test(f))), "only those WITH_UNITS names");
});

Deno.test("test lanes - a pattern that matches no file stops the run", () => {
  const e = assertThrows(() => splitLanes(["lib/a_test.ts"]), Error);
  assert(e.message.includes("matches no test file"), e.message);
});

Deno.test("test lanes - deno test's summary lines are read", () => {
  assertEquals(parseSummary("x\nok | 40 passed (2 steps) | 0 failed (1m2s)\n"), {
    passed: 40,
    failed: 0,
    ok: true,
  });
  assertEquals(parseSummary("FAILED | 38 passed | 2 failed (3s)\n"), {
    passed: 38,
    failed: 2,
    ok: false,
  });
  assertEquals(parseSummary("error: Module not found\n"), null);
});

Deno.test("test lanes - the failed tests are repeated with their first error lines", () => {
  const text = [
    "serial browser - xterm types ... ok (3s)",
    "",
    " ERRORS ",
    "",
    "boot order - three real guests start => ./tests/support/test_deadline.ts:70:43",
    "error: Error: virsh vol-list failed (exit 1): error: Failed to list volumes",
    "error: Requested operation is not valid: pool 'kvmm-test-pool' is not active",
    "    at run (file:///work/tests/support/guest.ts:104:11)",
    "",
    "keyboard browser - create a VM => ./tests/support/test_deadline.ts:70:43",
    "error: TimeoutError: locator.waitFor: Timeout 30000ms exceeded.",
    "",
    " FAILURES ",
    "",
    "boot order - three real guests start => ./tests/support/test_deadline.ts:70:43",
    "",
    "FAILED | 137 passed | 2 failed (30m34s)",
  ].join("\n");
  assertEquals(failureRecap(text), [
    "boot order - three real guests start",
    "    error: Error: virsh vol-list failed (exit 1): error: Failed to list volumes",
    "    error: Requested operation is not valid: pool 'kvmm-test-pool' is not active",
    "keyboard browser - create a VM",
    "    error: TimeoutError: locator.waitFor: Timeout 30000ms exceeded.",
  ]);
  assertEquals(failureRecap("ok | 3 passed | 0 failed (1s)\n"), []);
});

Deno.test("test lanes - the units' entry runs every file's tests in one isolate", async () => {
  // Two files that import one module with a counter: in one isolate the module is loaded once,
  // so the second file's test sees both files' imports (one isolate each, it would see one).
  const dir = await Deno.makeTempDir({ prefix: "kvmm-lanes-test-" });
  try {
    await Deno.writeTextFile(
      `${dir}/counter.ts`,
      "export const loads = { files: 0 };\n",
    );
    for (const name of ["a", "b"]) {
      await Deno.writeTextFile(
        `${dir}/${name}_test.ts`,
        `import { loads } from "./counter.ts";\nloads.files++;\n` +
          `Deno.test("${name}", () => { if (loads.files !== 2) throw new Error("files " + loads.files); });\n`,
      );
    }
    const entry = oneIsolateEntry(["a_test.ts", "b_test.ts"], dir);
    assert(
      entry.startsWith(`import "file://${dir}/a_test.ts";\nimport "file://${dir}/b_test.ts";\n`),
      entry,
    );
    assert(
      entry.includes(`Deno.test("lane end - `),
      "the lane's last test waits for foreign calls",
    );
    await Deno.writeTextFile(`${dir}/entry_test.ts`, entry);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--no-check", "--no-config", `${dir}/entry_test.ts`],
      env: { NO_COLOR: "1" },
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    // The two files' tests and the lane's last one.
    assertEquals(parseSummary(text), { passed: 3, failed: 0, ok: true }, text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("test lanes - real-libvirt files keep an isolate of their own, the rest share one", async () => {
  // The host health gate stands in front of a real-libvirt file by the process's main module
  // (tests/harness/preload.ts): in the shared isolate that is the entry, so such a file would
  // pass ungated there.
  const { pages, units } = splitLanes(await testFiles());
  const p = await isolates(pages);
  assertEquals([...p.shared, ...p.own].sort(), [...pages].sort());
  assert(p.own.includes("tests/late_calls_test.ts"), "a real-libvirt file keeps its own");
  assert(p.shared.includes("tests/a11y_browser_test.ts"), "a browser test shares");
  const u = await isolates(units);
  assertEquals(
    u.own,
    [
      "tests/ha_cluster_test.ts",
      "tests/ha_setup_test.ts",
      "tests/qemu_maintenance_test.ts",
      "tests/qemu_migrate_test.ts",
      "tests/qemu_restic_restore_test.ts",
      "tests/qemu_restic_test.ts",
      "tests/release_test.ts",
    ],
    "the tests/ files WITH_UNITS keep their own; no unit file beside the code talks to the host's libvirtd",
  );
});

Deno.test("test lanes - the guests' entry is in the real-libvirt tier, so the gate stands before it", () => {
  const entry = guestsEntry(["tests/qemu_test.ts"], "/repo");
  assert(talksToRealLibvirt("../../tmp/kvmm-lanes-x/guests_one_isolate_test.ts", entry), entry);
  assert(entry.includes(`import "file:///repo/tests/qemu_test.ts";\n`), entry);
  assert(!talksToRealLibvirt("../../tmp/x_test.ts", oneIsolateEntry(["tests/qemu_test.ts"])));
});

Deno.test("test lanes - what runs beside the alone files talks to no libvirtd", async () => {
  // ALONE freezes and kills every libvirtd, and holds the guest agents' channels: beside it run
  // only the units' shared isolate and BESIDE_ALONE's pages' files, none of which may reach one.
  const { pages, units } = splitLanes(await testFiles());
  const early = pages.filter((f) => BESIDE_ALONE.some((p) => p.test(f)));
  assertEquals(early, ["tests/a11y_browser_test.ts", "tests/store_crash_test.ts"]);
  const beside = [...early, ...(await isolates(units)).shared];
  const talking = [];
  for (const f of beside) {
    if (talksToRealLibvirt(f, await Deno.readTextFile(f))) talking.push(f);
  }
  assertEquals(talking, []);
});

Deno.test("test lanes - a lane's real-libvirt run starts only after the alone files have ended", async () => {
  const log: string[] = [];
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const run = async (name: string, files: string[]) => {
    log.push(`start ${name} ${files}`);
    // alone takes longest, so anything not held back would start before it ends.
    for (let i = 0; i < (name === "alone" ? 4 : 1); i++) await tick();
    log.push(`end ${name} ${files}`);
    return `${name} ${files}`;
  };
  const { alone, runs } = await runPlan({
    alone: ["a"],
    lanes: [
      { name: "guests", first: [], then: () => Promise.resolve(["g"]) },
      { name: "pages", first: ["p1"], then: () => Promise.resolve(["p2"]) },
      { name: "units", first: ["u1"], then: () => Promise.resolve([]) },
    ],
  }, run);
  assertEquals(alone, "alone a");
  assertEquals(runs, [["guests", "guests g"], ["pages", "pages p1"], ["pages", "pages p2"], [
    "units",
    "units u1",
  ]]);
  const aloneEnd = log.indexOf("end alone a");
  assert(
    log.indexOf("start pages p1") < aloneEnd && log.indexOf("start units u1") < aloneEnd,
    log.join("; "),
  );
  assert(
    log.indexOf("start guests g") > aloneEnd && log.indexOf("start pages p2") > aloneEnd,
    log.join("; "),
  );
  assert(!log.some((l) => l.startsWith("start units ") && l !== "start units u1"), "no empty run");
});
