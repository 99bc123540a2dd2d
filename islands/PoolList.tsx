// The storage pools table: start, stop, refresh, autostart, delete, the "New pool" form, and
// live updates from "storage-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { PoolInfo } from "../shared/storage.ts";
import { formatBytes, plural } from "../components/format.ts";
import { errorMessage } from "./client/api.ts";
import { isAdmin } from "./client/session.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { type Outcome, OutcomeNote } from "./settings/Outcome.tsx";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { listPools, type PoolAction, poolAction, setPoolAutostart } from "./storage/api.ts";
import { DeletePoolDialog } from "./storage/DeletePoolDialog.tsx";
import { coalesce, subscribeChanges } from "./storage/live.ts";
import { NewPoolForm } from "./storage/NewPoolForm.tsx";
import { UsageMeter } from "./storage/UsageMeter.tsx";

interface Props {
  /** The pools rendered on the server, or null to load them in the browser. */
  pools: PoolInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

type Pending = PoolAction | "autostart";

const poolHref = (name: string) => `/storage/${encodeURIComponent(name)}`;

export default function PoolList(props: Props) {
  const pools = useSignal<PoolInfo[] | null>(props.pools);
  const loadError = useSignal<string | null>(props.error);
  const pending = useSignal<Record<string, Pending>>({});
  const creating = useSignal(false);
  const doomed = useSignal<PoolInfo | null>(null);
  const hydrated = useSignal(false);
  const note = useSignal<Outcome | null>(null);

  const reload = coalesce(async () => {
    try {
      pools.value = await listPools();
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    if (props.pools === null) reload();
    return subscribeChanges("storage-changed", () => reload(), reload);
  }, []);

  const run = async (pool: PoolInfo, what: Pending, call: () => Promise<PoolInfo>) => {
    pending.value = { ...pending.value, [pool.name]: what };
    try {
      const fresh = await call();
      pools.value = (pools.value ?? []).map((p) => p.name === fresh.name ? fresh : p);
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      const { [pool.name]: _, ...rest } = pending.value;
      pending.value = rest;
    }
  };

  const list = pools.value ?? [];
  const rowButton = (pool: PoolInfo, action: PoolAction, label: string) => (
    <button
      type="button"
      class="button button-small"
      disabled={!hydrated.value || pool.name in pending.value}
      aria-busy={pending.value[pool.name] === action}
      aria-label={`${label} ${pool.name}`}
      onClick={() => run(pool, action, () => poolAction(pool.name, action))}
    >
      {label}
    </button>
  );

  return (
    <div>
      <div class="toolbar">
        <button
          type="button"
          class="button button-primary needs-admin"
          disabled={!hydrated.value}
          aria-expanded={creating.value}
          onClick={() => creating.value = !creating.value}
        >
          New pool
        </button>
        <span class="muted" aria-live="polite">
          {pools.value === null ? "Loading…" : plural(list.length, "pool")}
        </span>
      </div>
      {creating.value && (
        <NewPoolForm
          onCancel={() => creating.value = false}
          onCreated={(pool) => {
            creating.value = false;
            note.value = {
              ok: true,
              message: (
                <>
                  Pool <a href={poolHref(pool.name)}>{pool.name}</a> created.
                </>
              ),
            };
            reload();
          }}
        />
      )}
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      <div class="table-scroll">
        <table class="table pool-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">Autostart</th>
              <th scope="col" class="num">Capacity</th>
              <th scope="col" class="num">Allocation</th>
              <th scope="col" class="num">Available</th>
              <th scope="col">Usage</th>
              <th scope="col">Path</th>
              <th scope="col" class="num">Volumes</th>
              <th scope="col" class="needs-admin">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.length === 0 && (
              <tr>
                <td colSpan={11} class="muted empty">
                  {pools.value === null
                    ? loadError.value ? "Could not read the pools." : "Loading pools…"
                    : "No storage pools."}
                </td>
              </tr>
            )}
            {list.map((p) => (
              <tr key={p.name} data-pool={p.name}>
                <td>
                  <a href={poolHref(p.name)}>{p.name}</a>
                </td>
                <td>{p.type}</td>
                <td>
                  <ActiveBadge active={p.active} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={p.autostart}
                    disabled={!hydrated.value || !isAdmin() || !p.persistent ||
                      p.name in pending.value}
                    aria-label={`Autostart ${p.name}`}
                    title={p.persistent ? undefined : "A transient pool cannot autostart"}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      run(p, "autostart", () => setPoolAutostart(p.name, on));
                    }}
                  />
                </td>
                <td class="num">{p.active ? formatBytes(p.capacityBytes) : "—"}</td>
                <td class="num">{p.active ? formatBytes(p.allocationBytes) : "—"}</td>
                <td class="num">{p.active ? formatBytes(p.availableBytes) : "—"}</td>
                <td>
                  <UsageMeter pool={p} />
                </td>
                <td class="path">{p.path ?? "—"}</td>
                <td class="num">{p.volumeCount ?? "—"}</td>
                <td class="row-actions needs-admin">
                  {p.active ? rowButton(p, "stop", "Stop") : rowButton(p, "start", "Start")}
                  {p.active && rowButton(p, "refresh", "Refresh")}
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={!hydrated.value || p.name in pending.value}
                    aria-label={`Delete ${p.name}`}
                    onClick={() => doomed.value = p}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OutcomeNote outcome={note.value} />
      <DeletePoolDialog
        pool={doomed.value}
        onClose={() => doomed.value = null}
        onDeleted={(pool, deleted) => {
          note.value = {
            ok: true,
            message: deleted.length
              ? `Pool ${pool.name} deleted with ${plural(deleted.length, "volume")}.`
              : `Pool ${pool.name} deleted.`,
          };
          pools.value = (pools.value ?? []).filter((p) => p.name !== pool.name);
          reload();
        }}
      />
      <ToastList />
    </div>
  );
}
