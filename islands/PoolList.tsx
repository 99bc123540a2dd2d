// The storage pools table: start, stop, refresh, autostart, delete, the "New pool" form, and
// live updates from "storage-changed" events.

import { useSignal } from "@preact/signals";
import type { PoolInfo } from "../shared/storage.ts";
import { formatBytes } from "../shared/format.ts";
import { autostartColumn } from "../components/kit/AutostartBox.tsx";
import type { Column } from "../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../components/kit/row_actions.tsx";
import { ClipText } from "../components/kit/cells.tsx";
import { ResourceList } from "../components/kit/ResourceList.tsx";
import { usePending } from "../components/kit/use_pending.ts";
import { isAdmin } from "../components/client/session.ts";
import {
  DeleteButton,
  nameLinkColumn,
  newObjectForm,
  rowsByName,
  StartStopButton,
  stateColumn,
} from "./storage/lifecycle_columns.tsx";
import { listPools, type PoolAction, poolAction, setPoolAutostart } from "./storage/api.ts";
import { DeletePoolDialog } from "./storage/DeletePoolDialog.tsx";
import { useLiveRows } from "./storage/live.ts";
import { NewPoolForm } from "./storage/NewPoolForm.tsx";
import { UsageMeter } from "./storage/UsageMeter.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** The pools rendered on the server, or null to load them in the browser. */
  pools: PoolInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

type Pending = PoolAction | "autostart";

const poolHref = (name: string) => `/storage/${encodeURIComponent(name)}`;

export default function PoolList(props: Props) {
  const list = useLiveRows("storage-changed", {
    initial: props.pools,
    error: props.error,
    load: listPools,
  });
  const { rows: pools, hydrated, note, reload } = list;
  const doomed = useSignal<PoolInfo | null>(null);
  const rows = usePending<Pending>();

  const run = (pool: PoolInfo, what: Pending, call: () => Promise<PoolInfo>) =>
    rows.run(pool.name, what, call, (fresh) => {
      pools.value = (pools.value ?? []).map((p) => p.name === fresh.name ? fresh : p);
    });

  const disabled = (p: PoolInfo) => !hydrated || rows.has(p.name);
  const act = (pool: PoolInfo, action: PoolAction) =>
    run(pool, action, () => poolAction(pool.name, action));
  const bytes = (p: PoolInfo, n: number) => p.active ? formatBytes(n) : "—";
  const columns: Column<PoolInfo>[] = [
    nameLinkColumn(poolHref),
    // At 1280 px and below the pool's page has what the row leaves out (Type, Allocation,
    // Available, Volumes; at 1024 px Capacity too): the usage and the path stay in sight.
    { id: "type", header: t("Type"), cell: (p) => p.type, hideUpTo: 1280 },
    stateColumn(),
    autostartColumn(
      "pool",
      (p) => disabled(p) || !isAdmin(),
      (p, on) => run(p, "autostart", () => setPoolAutostart(p.name, on)),
    ),
    {
      id: "capacity",
      header: t("Capacity"),
      numeric: true,
      hideUpTo: 1024,
      cell: (p) => bytes(p, p.capacityBytes),
    },
    {
      id: "allocation",
      header: t("Allocation"),
      numeric: true,
      hideUpTo: 1280,
      cell: (p) => bytes(p, p.allocationBytes),
    },
    {
      id: "available",
      header: t("Available"),
      numeric: true,
      hideUpTo: 1280,
      cell: (p) => bytes(p, p.availableBytes),
    },
    { id: "usage", header: t("Usage"), cell: (p) => <UsageMeter pool={p} /> },
    {
      id: "path",
      header: t("Path"),
      class: "path clip-cell",
      cell: (p) => <ClipText text={p.path} />,
    },
    {
      id: "volumes",
      header: t("Volumes"),
      numeric: true,
      hideUpTo: 1280,
      cell: (p) => p.volumeCount ?? "—",
    },
    actionsColumn((p) => (
      <>
        <StartStopButton
          row={p}
          disabled={disabled(p)}
          busy={(action) => rows.is(p.name, action)}
          onAction={(action) => act(p, action)}
        />
        {p.active && (
          <RowButton
            action={t("Refresh")}
            name={p.name}
            disabled={disabled(p)}
            busy={rows.is(p.name, "refresh")}
            onClick={() => act(p, "refresh")}
          />
        )}
        <DeleteButton row={p} disabled={disabled(p)} onClick={() => doomed.value = p} />
      </>
    ), "needs-admin"),
  ];

  return (
    <ResourceList
      list={list}
      newLabel={t("New pool")}
      count={(count) => t("{{count}} pools", { count })}
      newForm={newObjectForm(
        NewPoolForm,
        t("Pool {{name}} created.", { name: "{{name}}" }),
        poolHref,
      )}
      label={t("Storage pools")}
      class="pool-table"
      loading={t("Loading pools…")}
      failed={t("Could not read the pools.")}
      empty={t("No storage pools.")}
      {...rowsByName("data-pool")}
      columns={columns}
    >
      <DeletePoolDialog
        pool={doomed.value}
        onClose={() => doomed.value = null}
        onDeleted={(pool, deleted) => {
          note.value = {
            ok: true,
            message: deleted.length
              ? t("Pool {{name}} deleted with {{count}} volumes.", {
                name: pool.name,
                count: deleted.length,
              })
              : t("Pool {{name}} deleted.", { name: pool.name }),
          };
          pools.value = (pools.value ?? []).filter((p) => p.name !== pool.name);
          reload();
        }}
      />
    </ResourceList>
  );
}
