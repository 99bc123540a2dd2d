// One table of backups: when, kind, size, status with a live progress bar, what it builds on,
// and restore / delete / cancel buttons.

import type { Backup } from "../../shared/backups.ts";
import { formatBytes } from "../../components/format.ts";
import { formatTime, kindLabel, percent, STATUS_BADGES, STATUS_LABELS } from "./format.ts";

interface Props {
  /** Null while loading. */
  backups: Backup[] | null;
  /** Every backup known, to name an incremental's parent. */
  all: Backup[];
  busy: boolean;
  empty: string;
  onRestore: (b: Backup) => void;
  onDelete: (b: Backup) => void;
  onCancel: (b: Backup) => void;
}

function Status({ b }: { b: Backup }) {
  const pct = percent(b);
  return (
    <>
      <span class={STATUS_BADGES[b.status]}>{STATUS_LABELS[b.status]}</span>
      {b.status === "running" && (
        <div class="clone-progress">
          <progress
            value={pct ?? undefined}
            max={100}
            aria-label={`Progress of the backup started ${formatTime(b.startedAt)}`}
          />
          <span>{pct === null ? "Starting…" : `${pct}%`}</span>
        </div>
      )}
      {b.error && <p class="form-error">{b.error}</p>}
      {b.note && <p class="form-hint">{b.note}</p>}
    </>
  );
}

export function BackupTable({ backups, all, busy, empty, onRestore, onDelete, onCancel }: Props) {
  const parentOf = (b: Backup) => {
    if (!b.parentId) return "—";
    const p = all.find((x) => x.id === b.parentId);
    return p ? formatTime(p.startedAt) : b.parentId;
  };
  return (
    <div class="table-scroll">
      <table class="table backups-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Kind</th>
            <th scope="col" class="num">Size</th>
            <th scope="col">Status</th>
            <th scope="col">Builds on</th>
            <th scope="col" class="needs-admin">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(backups?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={6} class="muted empty">
                {backups === null ? "Loading backups…" : empty}
              </td>
            </tr>
          )}
          {backups?.map((b) => {
            const when = formatTime(b.startedAt);
            return (
              <tr key={b.id} data-backup={b.id} data-status={b.status}>
                <td>{when}</td>
                <td>{kindLabel(b)}</td>
                <td class="num">{formatBytes(b.sizeBytes)}</td>
                <td>
                  <Status b={b} />
                </td>
                <td>{parentOf(b)}</td>
                <td class="row-actions needs-admin">
                  {b.status === "running"
                    ? (
                      <button
                        type="button"
                        class="button button-small"
                        disabled={busy}
                        aria-label={`Cancel the backup started ${when}`}
                        onClick={() => onCancel(b)}
                      >
                        Cancel
                      </button>
                    )
                    : (
                      <>
                        {b.status === "succeeded" && (
                          <button
                            type="button"
                            class="button button-small"
                            disabled={busy}
                            aria-label={`Restore the backup started ${when}`}
                            onClick={() => onRestore(b)}
                          >
                            Restore
                          </button>
                        )}
                        <button
                          type="button"
                          class="button button-small button-danger"
                          disabled={busy}
                          aria-label={`Delete the backup started ${when}`}
                          onClick={() => onDelete(b)}
                        >
                          Delete
                        </button>
                      </>
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
