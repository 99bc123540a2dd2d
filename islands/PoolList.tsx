// The storage pools table: start, stop, refresh, autostart, delete, the "New pool" form, and
// live updates from "storage-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { PoolInfo } from "../shared/storage.ts";
import { formatBytes, plural } from "../components/format.ts";
import { autostartColumn } from "../components/kit/AutostartBox.tsx";
import { loadedRows } from "../components/kit/action_list.tsx";
import { ListToolbar } from "../components/kit/ListToolbar.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { type Column, DataTable } from "../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../components/kit/row_actions.tsx";
import { type Outcome, OutcomeNote } from "../components/kit/use_action.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { usePending } from "../components/kit/use_pending.ts";
import { isAdmin } from "./client/session.ts";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { listPools, type PoolAction, poolAction, setPoolAutostart } from "./storage/api.ts";
import { DeletePoolDialog } from "./storage/DeletePoolDialog.tsx";
import { subscribeChanges } from "./storage/live.ts";
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
  const creating = useSignal(false);
  const doomed = useSignal<PoolInfo | null>(null);
  const note = useSignal<Outcome | null>(null);
  const hydrated = useHydrated();
  const rows = usePending<Pending>();

  const { reload, loadError } = useReload(async () => {
    pools.value = await listPools();
  }, props.error);

  useEffect(() => {
    if (props.pools === null) reload();
    return subscribeChanges("storage-changed", () => reload(), reload);
  }, []);

  const run = (pool: PoolInfo, what: Pending, call: () => Promise<PoolInfo>) =>
    rows.run(pool.name, what, call, (fresh) => {
      pools.value = (pools.value ?? []).map((p) => p.name === fresh.name ? fresh : p);
    });

  const disabled = (p: PoolInfo) => !hydrated.value || rows.has(p.name);
  const rowButton = (pool: PoolInfo, action: PoolAction, label: string) => (
    <RowButton
      action={label}
      name={pool.name}
      disabled={disabled(pool)}
      busy={rows.is(pool.name, action)}
      onClick={() => run(pool, action, () => poolAction(pool.name, action))}
    />
  );
  const bytes = (p: PoolInfo, n: number) => p.active ? formatBytes(n) : "—";
  const columns: Column<PoolInfo>[] = [
    { id: "name", header: "Name", cell: (p) => <a href={poolHref(p.name)}>{p.name}</a> },
    { id: "type", header: "Type", cell: (p) => p.type },
    { id: "state", header: "State", cell: (p) => <ActiveBadge active={p.active} /> },
    autostartColumn(
      "pool",
      (p) => disabled(p) || !isAdmin(),
      (p, on) => run(p, "autostart", () => setPoolAutostart(p.name, on)),
    ),
    { id: "capacity", header: "Capacity", numeric: true, cell: (p) => bytes(p, p.capacityBytes) },
    {
      id: "allocation",
      header: "Allocation",
      numeric: true,
      cell: (p) => bytes(p, p.allocationBytes),
    },
    {
      id: "available",
      header: "Available",
      numeric: true,
      cell: (p) => bytes(p, p.availableBytes),
    },
    { id: "usage", header: "Usage", cell: (p) => <UsageMeter pool={p} /> },
    { id: "path", header: "Path", class: "path", cell: (p) => p.path ?? "—" },
    { id: "volumes", header: "Volumes", numeric: true, cell: (p) => p.volumeCount ?? "—" },
    actionsColumn((p) => (
      <>
        {p.active ? rowButton(p, "stop", "Stop") : rowButton(p, "start", "Start")}
        {p.active && rowButton(p, "refresh", "Refresh")}
        <RowButton
          action="Delete"
          name={p.name}
          kind="danger"
          disabled={disabled(p)}
          onClick={() => doomed.value = p}
        />
      </>
    ), "needs-admin"),
  ];

  return (
    <div>
      <ListToolbar
        newLabel="New pool"
        open={creating.value}
        onToggle={() => creating.value = !creating.value}
        disabled={!hydrated.value}
        count={pools.value === null ? "Loading…" : plural(pools.value.length, "pool")}
      />
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
      <ErrorNotice message={loadError.value} />
      <DataTable
        label="Storage pools"
        class="pool-table"
        {...loadedRows(
          pools.value,
          loadError.value ? "Could not read the pools." : "Loading pools…",
          "No storage pools.",
        )}
        rowKey={(p) => p.name}
        rowAttrs={(p) => ({ "data-pool": p.name })}
        columns={columns}
      />
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
    </div>
  );
}
