import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { MigrateFlags as F } from "../../ffi/libvirt/migrate.ts";
import { AppError } from "../errors.ts";
import { migrationPlan, parseMigrationInput } from "./input.ts";

function refusal(fn: () => unknown): { status: number; code: string; message: string } {
  const err = assertThrows(fn, AppError);
  return { status: err.status, code: err.code, message: err.message };
}

Deno.test("migration input - takes to, the three switches and a bandwidth", () => {
  assertEquals(parseMigrationInput({ to: " second " }), { to: "second" });
  assertEquals(
    parseMigrationInput({ to: "b", live: false, copyStorage: true, bandwidthMiBs: 100 }),
    { to: "b", live: false, copyStorage: true, bandwidthMiBs: 100 },
  );
  assertEquals(parseMigrationInput({ to: "b", offline: true }), { to: "b", offline: true });
});

Deno.test("migration input - refuses malformed bodies with clear words", () => {
  const bad = (input: unknown) => refusal(() => parseMigrationInput(input));
  assertEquals(
    bad(null).message,
    'Body must be a JSON object like {"to": "host-id", "live": true}',
  );
  assertEquals(bad([]).status, 400);
  assertEquals(
    bad({}).message,
    '"to" must name the destination host (its id from GET /api/hosts)',
  );
  assertEquals(bad({ to: "  " }).code, "BAD_REQUEST");
  assertEquals(bad({ to: "b", live: "yes" }).message, "live must be true or false");
  assertEquals(
    bad({ to: "b", speed: 1, x: 2 }).message,
    "Unknown fields speed, x; a migration takes to, live, copyStorage, offline and bandwidthMiBs",
  );
  assertEquals(
    bad({ to: "b", live: true, offline: true }).message,
    "live and offline exclude each other: a live migration keeps the VM running",
  );
  assertEquals(
    bad({ to: "b", bandwidthMiBs: 0.5 }).message,
    "bandwidthMiBs must be a whole number of MiB/s from 1 to 1000000",
  );
});

Deno.test("migration plan - a running VM moves live by default and stays defined only there", () => {
  const plan = migrationPlan({ to: "b" }, { state: "running", persistent: true });
  assertEquals(plan, {
    live: true,
    offline: false,
    copyStorage: false,
    flags: F.LIVE | F.AUTO_CONVERGE | F.ABORT_ON_ERROR | F.PERSIST_DEST | F.UNDEFINE_SOURCE,
  });
  const copy = migrationPlan({ to: "b", copyStorage: true, live: false }, {
    state: "paused",
    persistent: false,
  });
  assertEquals(copy, {
    live: false,
    offline: false,
    copyStorage: true,
    flags: F.ABORT_ON_ERROR | F.NON_SHARED_DISK,
  });
});

Deno.test("migration plan - a stopped VM moves offline; live or storage copy is refused", () => {
  assertEquals(migrationPlan({ to: "b" }, { state: "stopped", persistent: true }), {
    live: false,
    offline: true,
    copyStorage: false,
    flags: F.OFFLINE | F.PERSIST_DEST | F.UNDEFINE_SOURCE,
  });
  assertEquals(
    refusal(() => migrationPlan({ to: "b", live: true }, { state: "stopped", persistent: true })),
    { status: 409, code: "INVALID_STATE", message: "A stopped VM can only be migrated offline" },
  );
  assertEquals(
    refusal(() =>
      migrationPlan({ to: "b", copyStorage: true }, { state: "stopped", persistent: true })
    ).message,
    "A stopped VM's disks cannot be copied: offline migration moves only its definition",
  );
});

Deno.test("migration plan - a running VM is not migrated offline", () => {
  assertEquals(
    refusal(() =>
      migrationPlan({ to: "b", offline: true }, { state: "running", persistent: true })
    ),
    {
      status: 409,
      code: "INVALID_STATE",
      message: "A running VM cannot be migrated offline: migrate it live, or stop it first",
    },
  );
});
