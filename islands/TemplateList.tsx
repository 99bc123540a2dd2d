// The templates table: create (from scratch or from a VM), edit, delete, and start a wizard from one.

import { useSignal } from "@preact/signals";
import type { VmTemplate } from "../shared/templates.ts";
import { AskDialog } from "../components/kit/Dialog.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { NameCell } from "../components/kit/cells.tsx";
import { type Column, DataTable } from "../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../components/kit/row_actions.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { formatGb, formatMb, plural } from "../components/format.ts";
import { osLabel } from "../shared/os_names.ts";
import { deleteTemplate, errorMessage, listTemplates } from "./client/api.ts";
import { showError } from "./client/toasts.tsx";
import { FromVmForm } from "./templates/FromVmForm.tsx";
import { TemplateForm } from "./templates/TemplateForm.tsx";

interface Props {
  templates: VmTemplate[];
  /** Network names for the new-template form. */
  networks: string[];
  [key: string]: unknown;
}

/** The OS by name, its osinfo id under it for those who know ids. */
function OsCell({ name, hint }: { name: string; hint: string | null }) {
  return (
    <>
      {name}
      {hint && <div class="muted small">{hint}</div>}
    </>
  );
}

type Mode = { kind: "none" } | { kind: "new" } | { kind: "from-vm" } | { kind: "edit"; id: string };

export default function TemplateList(props: Props) {
  const templates = useSignal(props.templates);
  const mode = useSignal<Mode>({ kind: "none" });
  const hydrated = useHydrated();
  const doomed = useConfirm<VmTemplate>();

  const reload = async () => {
    try {
      templates.value = await listTemplates();
    } catch (err) {
      showError(errorMessage(err));
    }
  };
  const saved = () => {
    mode.value = { kind: "none" };
    reload();
  };
  const remove = async (t: VmTemplate) => {
    try {
      await deleteTemplate(t.id);
    } catch (err) {
      showError(errorMessage(err));
    }
    reload();
  };

  const m = mode.value;
  const editing = m.kind === "edit" ? templates.value.find((t) => t.id === m.id) : undefined;
  const cancel = () => mode.value = { kind: "none" };
  const columns: Column<VmTemplate>[] = [
    {
      id: "name",
      header: "Name",
      cell: (t) => <NameCell name={t.name} description={t.description} />,
    },
    { id: "os", header: "OS", cell: (t) => <OsCell {...osLabel(t.config)} /> },
    { id: "cpus", header: "vCPUs", numeric: true, cell: (t) => t.config.cpuCount },
    { id: "memory", header: "Memory", numeric: true, cell: (t) => formatMb(t.config.memoryMb) },
    {
      id: "disk",
      header: "Disk",
      numeric: true,
      cell: (t) => t.config.importDiskPath ? "imported" : formatGb(t.config.diskSizeGb),
    },
    { id: "network", header: "Network", cell: (t) => t.config.network || "none" },
    actionsColumn((t) => (
      <>
        <a
          class="button button-small"
          href={`/vms/new?template=${encodeURIComponent(t.id)}`}
          aria-label={`Create VM from ${t.name}`}
        >
          Create VM
        </a>
        <RowButton
          action="Edit"
          name={t.name}
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "edit", id: t.id }}
        />
        <RowButton
          action="Delete"
          name={t.name}
          kind="danger"
          disabled={!hydrated.value}
          onClick={() => doomed.ask(t)}
        />
      </>
    ), "needs-admin"),
  ];
  return (
    <div>
      <div class="toolbar">
        <NewButton
          label="New template"
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "new" }}
        />
        <NewButton
          label="Template from a VM"
          kind="default"
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "from-vm" }}
        />
        <span class="muted" aria-live="polite">
          {plural(templates.value.length, "template")}
        </span>
      </div>
      {m.kind === "new" && (
        <TemplateForm networks={props.networks} onSaved={saved} onCancel={cancel} />
      )}
      {m.kind === "from-vm" && <FromVmForm onSaved={saved} onCancel={cancel} />}
      {editing && (
        <TemplateForm
          key={editing.id}
          template={editing}
          networks={props.networks}
          onSaved={saved}
          onCancel={cancel}
        />
      )}
      <DataTable
        label="Templates"
        class="template-table"
        rows={templates.value}
        rowKey={(t) => t.id}
        rowAttrs={(t) => ({ "data-template-id": t.id })}
        columns={columns}
        empty="No templates yet."
      />
      <AskDialog
        confirm={doomed}
        title="Delete template"
        confirmLabel="Delete"
        onConfirm={remove}
      >
        <p>
          Delete the template{" "}
          <strong>{doomed.subject.value?.name}</strong>? VMs created from it are not affected.
        </p>
      </AskDialog>
    </div>
  );
}
