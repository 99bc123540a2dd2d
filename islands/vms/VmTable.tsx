// The VM table both VM lists show (this host's and all hosts'): search and state filter, sortable
// columns kept in the URL, a column chooser remembered in this browser, the visible-only
// selection and its batch bar, and each row's power actions sent to the row's host. The parent
// owns the rows and keeps them live.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { VmAction, VmState } from "../../shared/vms.ts";
import { vmActionPath } from "../../shared/api_paths.ts";
import { STATE_LABELS } from "../../components/kit/Badge.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { ToolbarInput } from "../../components/kit/ToolbarInput.tsx";
import { fillIn, t } from "../../shared/i18n/t.ts";
import { DataTable, type TableSelection } from "../../components/kit/table/DataTable.tsx";
import { ColumnChooser } from "../../components/kit/table/ColumnChooser.tsx";
import { keepShown, selectedShown } from "../../components/kit/table/selection.ts";
import { type SortState, sortToQuery } from "../../components/kit/table/sort.ts";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { actionLabel, powerMessage } from "../../components/client/actions.ts";
import { errorMessage, request } from "../../components/client/api.ts";
import { showError } from "../../components/client/toasts.tsx";
import { BatchBar } from "./BatchBar.tsx";
import { FIXED_COLUMNS, vmColumns } from "./columns.tsx";
import { chosenColumns, rememberColumns, sortInUrl } from "./view_state.ts";
import { RowActions } from "./RowActions.tsx";
import { filterVms, onRowHost, rowKey, type VmRow } from "./rows.ts";
import { DESTRUCTIVE } from "./RowActions.tsx";

interface Props {
  vms: VmRow[];
  query: string;
  state: VmState | "";
  /** The sort the server rendered with (name ascending when none). */
  sort: SortState | null;
  /** The merged view of every host: a Host column, actions sent to each row's host. */
  allHosts?: boolean;
  /** The table's accessible name. */
  label: string;
  /** The form's target without JavaScript. */
  action: string;
}

const rowAttrs = (vm: VmRow) => ({ "data-vm-id": vm.id, "data-vm": vm.name, "data-host": vm.host });

/**
 * Rows at which the table virtualises, and their height (static/vmlist.css holds them to it); on
 * a phone each row is a card (PHONE, the same figure as the stylesheet's).
 */
const VIRTUAL = { rowHeight: 44, from: 200, initialRows: 30 };
const PHONE_VIRTUAL = { ...VIRTUAL, rowHeight: 152, initialRows: 10 };
const PHONE = "(max-width: 600px)";

export function VmTable(props: Props) {
  const query = useSignal(props.query);
  const state = useSignal<VmState | "">(props.state);
  const sort = useSignal<SortState | null>(props.sort ?? { column: "name", dir: "asc" });
  const selected = useSignal<ReadonlySet<string>>(new Set());
  const hidden = useSignal<ReadonlySet<string> | undefined>(undefined);
  const pending = useSignal<Record<string, VmAction>>({});
  const hydrated = useSignal(false);
  const phone = useSignal(false);
  /** How the last row Shut down reached its guest. */
  const done = useSignal<string | null>(null);
  const confirm = useSignal<{ vm: VmRow; action: VmAction } | null>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const allHosts = !!props.allHosts;

  const columns = useMemo(() =>
    vmColumns({
      allHosts,
      actions: (vm) => (
        <RowActions
          vm={vm}
          hydrated={hydrated.value}
          pending={pending.value[rowKey(vm)]}
          onAction={ask}
        />
      ),
    }), [allHosts, hydrated.value, pending.value]);

  useEffect(() => {
    const cards = globalThis.matchMedia?.(PHONE);
    if (!cards) return;
    const sync = () => phone.value = cards.matches;
    sync();
    cards.addEventListener("change", sync);
    return () => cards.removeEventListener("change", sync);
  }, []);

  useEffect(() => {
    hydrated.value = true;
    // The server knows no localStorage, and may not have been given the sort: both come now.
    hidden.value = chosenColumns(columns);
    sort.value = sortInUrl(columns) ?? sort.value;
  }, []);

  // Keep the filter and the sort in the URL so a reload or a shared link shows the same rows.
  const syncUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of [["q", query.value], ["state", state.value]]) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    sortToQuery(params, sort.value, "name");
    const qs = params.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  };

  // Not per render: a tick re-renders the table, and filtering (then sorting) thousands of VMs
  // again would make each click wait.
  const shown = useMemo(
    () => filterVms(props.vms, query.value, state.value),
    [props.vms, query.value, state.value],
  );
  const chosen = selectedShown(selected.value, shown, rowKey);
  // Whatever hides a row (a filter, or a VM's new state under a state filter) drops it from the
  // selection, so it does not come back ticked when shown again.
  useEffect(() => {
    selected.value = keepShown(selected.value, shown, rowKey);
  });

  const run = async (vm: VmRow, action: VmAction) => {
    const key = rowKey(vm);
    pending.value = { ...pending.value, [key]: action };
    done.value = null;
    try {
      const answer = await request("POST", onRowHost(vm, vmActionPath(vm.id, action)));
      const message = powerMessage(action, answer);
      done.value = message && `${vm.name}: ${message}`;
    } catch (err) {
      showError(
        t("{{action}} {{name}}: {{reason}}", {
          action: actionLabel(action),
          name: vm.name,
          reason: errorMessage(err),
        }),
      );
    } finally {
      const { [key]: _, ...rest } = pending.value;
      pending.value = rest;
    }
  };
  function ask(vm: VmRow, action: VmAction) {
    if (!DESTRUCTIVE.has(action)) return void run(vm, action);
    confirm.value = { vm, action };
    confirmRef.current?.showModal();
  }

  // One object while the selection stands, so rows that did not change are not built again.
  const selection = useMemo<TableSelection<VmRow>>(() => {
    const select = t("Select {{name}}", { name: "{{name}}" });
    return {
      selected: selected.value,
      onChange: (next) => selected.value = next,
      rowLabel: (vm) => fillIn(select, { name: vm.name }),
      allLabel: t("Select all shown VMs"),
      disabled: !hydrated.value,
      class: "needs-operator",
    };
  }, [selected.value, hydrated.value]);

  const total = props.vms.length;
  const asked = confirm.value;
  return (
    <div class="vm-table-view">
      <form
        class="toolbar"
        method="get"
        action={props.action}
        role="search"
        onSubmit={(e) => e.preventDefault()}
      >
        {allHosts && <input type="hidden" name="host" value="all" />}
        <ToolbarInput
          label={t("Search")}
          name="q"
          value={query.value}
          placeholder={t("VM name or tag")}
          onValue={(v) => {
            query.value = v;
            syncUrl();
          }}
        />
        <label>
          {t("State")}
          <select
            name="state"
            value={state.value}
            onChange={(e) => {
              state.value = e.currentTarget.value as VmState | "";
              syncUrl();
            }}
          >
            <option value="">{t("All")}</option>
            {Object.entries(STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{t(label)}</option>
            ))}
          </select>
        </label>
        {!hydrated.value && <button type="submit" class="button">{t("Filter")}</button>}
        <span class="muted vm-count" aria-live="polite">
          {shown.length === total
            ? t("{{count}} VMs", { count: total })
            : t("{{shown}} of {{count}} VMs", { shown: shown.length, count: total })}
        </span>
        <ColumnChooser
          columns={columns}
          hidden={hidden.value ?? new Set()}
          fixed={FIXED_COLUMNS}
          disabled={!hydrated.value}
          onChange={(next) => {
            hidden.value = next;
            rememberColumns(next);
          }}
        />
      </form>
      <BatchBar selected={chosen} onClear={() => selected.value = new Set()} />
      {done.value && <p class="note note-success" role="status">{done.value}</p>}
      <DataTable
        label={props.label}
        class="vm-table"
        rows={shown}
        rowKey={rowKey}
        columns={columns}
        hidden={hidden.value}
        sort={sort.value}
        onSort={(next) => {
          sort.value = next;
          syncUrl();
        }}
        selection={selection}
        rowAttrs={rowAttrs}
        empty={total === 0 ? t("No virtual machines.") : t("No VMs match the filter.")}
        virtual={phone.value ? PHONE_VIRTUAL : VIRTUAL}
      />
      <ConfirmDialog
        dialogRef={confirmRef}
        title={asked
          ? t("{{action}} {{name}}", { action: actionLabel(asked.action), name: asked.vm.name })
          : t("Confirm")}
        confirmLabel={asked ? actionLabel(asked.action) : t("Confirm")}
        onConfirm={() => asked && run(asked.vm, asked.action)}
      >
        <p class="confirm-targets">
          <Trans
            text={asked?.action === "reset"
              ? t("Reset {{name}} like a hardware reset button? Unsaved data inside it is lost.", {
                name: "{{name}}",
              })
              : t("Cut the power of {{name}}? Unsaved data inside it is lost.", {
                name: "{{name}}",
              })}
            parts={{ name: <strong>{asked?.vm.name}</strong> }}
          />
        </p>
      </ConfirmDialog>
    </div>
  );
}
