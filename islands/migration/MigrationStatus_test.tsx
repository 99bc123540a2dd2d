import { renderToString } from "preact-render-to-string";
import { assert, assertMatch } from "../../tests/support/assert.ts";
import type { MigrationJob } from "../../shared/migration.ts";
import { MigrationStatus } from "./MigrationStatus.tsx";
import VmMigrate from "../VmMigrate.tsx";

const job = (over: Partial<MigrationJob>): MigrationJob => ({
  id: "j",
  vmId: "6695eb01-f6a4-8304-79aa-97f2502e193f",
  name: "web",
  from: "local",
  to: "rack-2",
  toName: "Rack 2",
  live: true,
  copyStorage: true,
  offline: false,
  state: "running",
  startedAt: "2026-01-01T00:00:00Z",
  progress: {
    phase: "copying-memory",
    dataProcessed: 3 << 20,
    dataTotal: 4 << 20,
    dataRemaining: 1 << 20,
    percent: 75,
  },
  ...over,
});

const render = (j: MigrationJob) =>
  renderToString(<MigrationStatus job={j} onChanged={() => {}} />);

Deno.test("migration status - a running one: progress bar, figures and Cancel", () => {
  const html = render(job({}));
  assertMatch(html, /Migrating<\/span> to <strong>Rack 2<\/strong> \(live, with its disks\)/);
  assertMatch(html, /<progress value="75" max="100" aria-label="Migration of web to Rack 2"/);
  assertMatch(html, /Copying memory · 3 MiB of 4 MiB · 75%/);
  assertMatch(html, />Cancel migration</);
});

Deno.test("migration status - the outcome: a link there, or libvirt's words", () => {
  const done = render(job({ state: "completed", progress: { ...job({}).progress, percent: 100 } }));
  assertMatch(done, /web is running on Rack 2 now: <a href="\/vms\/6695eb01-[^"]+\?host=rack-2">/);
  assert(!done.includes("<progress"), "no progress bar once finished");
  const failed = render(
    job({ state: "failed", error: "Migration of web to Rack 2 failed: Unsafe migration" }),
  );
  assertMatch(failed, /<p class="form-error">Migration of web to Rack 2 failed: Unsafe migration/);
  assert(!failed.includes("Cancel migration"));
});

Deno.test("migration card - server-rendered with its button and the dialog's choices", () => {
  const html = renderToString(
    <VmMigrate vmId="6695eb01-f6a4-8304-79aa-97f2502e193f" vmName="web" state="stopped" />,
  );
  assertMatch(html, /<h2 id="migration-title">Migration<\/h2>/);
  assertMatch(html, /disabled[^>]*>Migrate…<\/button>/);
  assertMatch(html, /Offline: only the definition moves/);
  assert(!html.includes("Copy the disks"), "no disk copy offline");
});
