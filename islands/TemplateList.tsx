// The templates table: create (from scratch or from a VM), edit, delete, and start a wizard from one.

import { useSignal } from "@preact/signals";
import type { VmTemplate } from "../shared/templates.ts";
import { AskNamedDialog } from "../components/kit/Dialog.tsx";
import { ListToolbar, NewButton } from "../components/kit/ListToolbar.tsx";
import { NameCell } from "../components/kit/cells.tsx";
import { type Column, DataTable, rowsById } from "../components/kit/table/mod.ts";
import { actionList } from "../components/kit/action_list.tsx";
import { editDeleteActions } from "../components/kit/edit_delete_actions.ts";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { formatGb, formatMb } from "../shared/format.ts";
import { t } from "../shared/i18n/t.ts";
import { osLabel } from "../shared/os_names.ts";
import {
  deleteTemplate,
  errorMessage,
  listTemplates,
  templateLinked,
} from "../components/client/api.ts";
import { useEffect } from "preact/hooks";
import { showError } from "../components/client/toasts.tsx";
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

/** A linked template's disk: the base it clones and the VMs made from it so far. */
function LinkedCell({ base, vms }: { base: string; vms: string[] | undefined }) {
  return (
    <>
      {t("linked clone of {{base}}", { base: base.split("/").at(-1) ?? base })}
      <div class="muted small">
        {vms === undefined
          ? "…"
          : vms.length
          ? t("Linked VMs: {{vms}}", { vms: vms.join(", ") })
          : t("No linked VMs yet")}
      </div>
    </>
  );
}

type Mode = { kind: "none" } | { kind: "new" } | { kind: "from-vm" } | { kind: "edit"; id: string };

export default function TemplateList(props: Props) {
  const templates = useSignal(props.templates);
  /** A linked template's VMs (linked clones of its base image), by template id. */
  const linked = useSignal<Record<string, string[]>>({});
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
  const remove = async (template: VmTemplate) => {
    try {
      await deleteTemplate(template.id);
    } catch (err) {
      showError(errorMessage(err));
    }
    reload();
  };

  // Which VMs each linked template has on this host: read once the page is up.
  useEffect(() => {
    for (const tpl of templates.value) {
      if (!tpl.config.baseImagePath || linked.value[tpl.id]) continue;
      templateLinked(tpl.id).then((r) => {
        linked.value = { ...linked.value, [tpl.id]: r.clones.flatMap((c) => c.vms) };
      }, () => {});
    }
  }, [templates.value]);

  // Read here, not only in the cells: the table renders rows it keeps, and would not redraw.
  const linkedNow = linked.value;
  const m = mode.value;
  const editing = m.kind === "edit" ? templates.value.find((tpl) => tpl.id === m.id) : undefined;
  const cancel = () => mode.value = { kind: "none" };
  const columns: Column<VmTemplate>[] = [
    {
      id: "name",
      header: t("Name"),
      cell: (tpl) => <NameCell name={tpl.name} description={tpl.description} />,
    },
    { id: "os", header: t("OS"), cell: (tpl) => <OsCell {...osLabel(tpl.config)} /> },
    { id: "cpus", header: t("vCPUs"), numeric: true, cell: (tpl) => tpl.config.cpuCount },
    {
      id: "memory",
      header: t("Memory"),
      numeric: true,
      cell: (tpl) => formatMb(tpl.config.memoryMb),
    },
    {
      id: "disk",
      header: t("Disk"),
      numeric: true,
      cell: (tpl) =>
        tpl.config.baseImagePath
          ? <LinkedCell base={tpl.config.baseImagePath} vms={linkedNow[tpl.id]} />
          : tpl.config.importDiskPath
          ? t("imported")
          : formatGb(tpl.config.diskSizeGb),
    },
    {
      id: "network",
      header: t("Network"),
      cell: (tpl) => tpl.config.network || t("none", { context: "network" }),
    },
    actionList(
      {
        name: (tpl) => tpl.name,
        busy: !hydrated.value,
        before: (tpl) => (
          <a
            class="button button-small"
            href={`/vms/new?template=${encodeURIComponent(tpl.id)}`}
            aria-label={t("Create VM from {{name}}", { name: tpl.name })}
          >
            {t("Create VM")}
          </a>
        ),
        class: "needs-admin",
      },
      editDeleteActions((tpl) => mode.value = { kind: "edit", id: tpl.id }, doomed.ask),
    ),
  ];
  return (
    <div>
      <ListToolbar
        newLabel={t("New template")}
        onToggle={() => mode.value = { kind: "new" }}
        disabled={!hydrated.value}
        count={t("{{count}} templates", { count: templates.value.length })}
      >
        <NewButton
          label={t("Template from a VM")}
          kind="default"
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "from-vm" }}
        />
      </ListToolbar>
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
        label={t("Templates")}
        class="template-table"
        rows={templates.value}
        {...rowsById("data-template-id")}
        columns={columns}
        empty={t("No templates yet.")}
      />
      <AskNamedDialog
        confirm={doomed}
        title={t("Delete template")}
        question={t("Delete the template {{name}}? VMs created from it are not affected.", {
          name: "{{name}}",
        })}
        onConfirm={remove}
      />
    </div>
  );
}
