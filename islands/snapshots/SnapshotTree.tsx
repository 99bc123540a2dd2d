// The snapshot tree as a table: each snapshot under its parent, indented by depth, the current
// one marked; revert and delete per row. The indent is one span per level, not a style=""
// attribute, which the Content-Security-Policy (style-src 'self') refuses in server HTML.

import type { SnapshotInfo } from "../../shared/snapshots.ts";
import { formatTaken, snapshotStateBadge } from "./format.ts";

interface Props {
  snapshots: SnapshotInfo[] | null;
  /** Buttons are off until hydrated and while an action runs. */
  busy: boolean;
  onRevert: (s: SnapshotInfo) => void;
  onDelete: (s: SnapshotInfo) => void;
}

export function SnapshotTree({ snapshots, busy, onRevert, onDelete }: Props) {
  if (snapshots === null) return <p class="muted">Loading snapshots…</p>;
  if (snapshots.length === 0) return <p class="muted">No snapshots yet.</p>;
  return (
    <div class="table-scroll">
      <table class="table" aria-label="Snapshots">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">VM state</th>
            <th scope="col">Taken</th>
            <th scope="col">Memory</th>
            <th scope="col">Description</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => {
            const { badge, label } = snapshotStateBadge(s.state);
            return (
              <tr key={s.name} data-snapshot={s.name} data-depth={s.depth}>
                <td>
                  {Array.from(
                    { length: s.depth },
                    (_, i) => <span key={i} class="snapshot-indent" aria-hidden="true" />,
                  )}
                  {s.depth > 0 && <span aria-hidden="true" class="muted">└</span>}
                  <strong>{s.name}</strong>
                  {s.current && (
                    <>
                      {" "}
                      <span
                        class="badge badge-info"
                        title="The VM was last created from or reverted to this snapshot"
                      >
                        current
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <span class={`badge badge-${badge}`}>{label}</span>
                </td>
                <td>
                  <time dateTime={s.createdAt}>{formatTaken(s.createdAt)}</time>
                </td>
                <td>{s.memory ? "Yes" : "No"}</td>
                <td class="pre-line">{s.description || <span class="muted">—</span>}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    aria-label={`Revert to ${s.name}`}
                    onClick={() => onRevert(s)}
                  >
                    Revert
                  </button>
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={busy}
                    aria-label={`Delete ${s.name}`}
                    onClick={() => onDelete(s)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
