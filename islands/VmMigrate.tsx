// The migration card of /vms/:id: "Migrate…" opens the dialog; the VM's latest migration with
// live progress (its events while it runs, and a read every few seconds should they not come).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { MigrationJob, MigrationProgressEvent } from "../shared/migration.ts";
import type { VmState } from "../shared/vms.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { errorMessage } from "../components/client/api.ts";
import { lastMigration, watchMigration } from "./migration/api.ts";
import { vmPageOn } from "./migration/format.ts";
import { MigrateDialog } from "./migration/MigrateDialog.tsx";
import { MigrationStatus } from "./migration/MigrationStatus.tsx";
import { Card } from "../components/kit/Card.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vmId: string;
  vmName: string;
  state: VmState;
  [key: string]: unknown;
}

const POLL_MS = 3000;

/** A job updated with an event's figures (the event carries no times or options). */
function withEvent(job: MigrationJob, e: MigrationProgressEvent): MigrationJob {
  const { phase, dataProcessed, dataTotal, dataRemaining, percent } = e;
  return {
    ...job,
    state: e.state,
    ...e.error === undefined ? {} : { error: e.error },
    progress: { phase, dataProcessed, dataTotal, dataRemaining, percent },
  };
}

export default function VmMigrate({ vmId, vmName, state: initialState }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const open = useSignal(false);
  const state = useSignal<VmState>(initialState);
  const job = useSignal<MigrationJob | null>(null);
  const loadError = useSignal<string | null>(null);
  const hydrated = useSignal(false);

  const reload = () =>
    lastMigration(vmId).then((j) => {
      job.value = j;
      loadError.value = null;
    }, (err) => loadError.value = errorMessage(err));

  useEffect(() => {
    hydrated.value = true;
    reload();
    return subscribeEvents((e) => {
      if (e.type === "vm-state-changed" && e.id === vmId) state.value = e.state;
      // A migrated VM is gone from this host: follow it to its new one. (VmActions leaves for
      // the VM list on the same event; this later navigation wins.)
      const j = job.value;
      const moved = j?.state === "running" || j?.state === "completed";
      if (e.type === "vm-deleted" && e.id === vmId && j && moved) location.assign(vmPageOn(j));
    }, reload);
  }, [vmId]);

  // While a migration runs: its events on a stream of their own, and a read now and then.
  const running = job.value?.state === "running";
  useEffect(() => {
    if (!running) return;
    const stopWatching = watchMigration(vmId, (e) => {
      if (job.value && e.state === "running") job.value = withEvent(job.value, e);
      else reload();
    });
    const timer = setInterval(reload, POLL_MS);
    return () => {
      stopWatching();
      clearInterval(timer);
    };
  }, [running]);

  return (
    <Card
      id="migration"
      title={t("Migration")}
      actions={
        <button
          type="button"
          class="button"
          disabled={!hydrated.value || running}
          onClick={() => {
            open.value = true;
            dialogRef.current?.showModal();
          }}
        >
          {t("Migrate…")}
        </button>
      }
    >
      <ErrorNotice message={loadError.value} />
      {job.value
        ? <MigrationStatus job={job.value} onChanged={(j) => job.value = j} />
        : (
          <p class="muted">
            {t("Move {{name}} to another host, running or stopped.", { name: vmName })}
          </p>
        )}
      <MigrateDialog
        dialogRef={dialogRef}
        vmId={vmId}
        vmName={vmName}
        state={state.value}
        open={open.value}
        onStarted={(j) => job.value = j}
        onClose={() => open.value = false}
      />
    </Card>
  );
}
