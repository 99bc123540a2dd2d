// The templates table: create (from scratch or from a VM), edit, delete, and start a wizard from one.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VmTemplate } from "../shared/templates.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { formatMb, plural } from "../components/format.ts";
import { deleteTemplate, errorMessage, listTemplates } from "./client/api.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { FromVmForm } from "./templates/FromVmForm.tsx";
import { TemplateForm } from "./templates/TemplateForm.tsx";

interface Props {
  templates: VmTemplate[];
  /** Network names for the new-template form. */
  networks: string[];
  [key: string]: unknown;
}

type Mode = { kind: "none" } | { kind: "new" } | { kind: "from-vm" } | { kind: "edit"; id: string };

export default function TemplateList(props: Props) {
  const templates = useSignal(props.templates);
  const mode = useSignal<Mode>({ kind: "none" });
  const hydrated = useSignal(false);
  const doomed = useSignal<VmTemplate | null>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    hydrated.value = true;
  }, []);

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
  return (
    <div>
      <div class="toolbar">
        <button
          type="button"
          class="button button-primary needs-admin"
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "new" }}
        >
          New template
        </button>
        <button
          type="button"
          class="button needs-admin"
          disabled={!hydrated.value}
          onClick={() => mode.value = { kind: "from-vm" }}
        >
          Template from a VM
        </button>
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
      <div class="table-scroll">
        <table class="table template-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">OS</th>
              <th scope="col" class="num">vCPUs</th>
              <th scope="col" class="num">Memory</th>
              <th scope="col" class="num">Disk</th>
              <th scope="col">Network</th>
              <th scope="col" class="needs-admin">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.value.length === 0 && (
              <tr>
                <td colSpan={7} class="muted empty">No templates yet.</td>
              </tr>
            )}
            {templates.value.map((t) => (
              <tr key={t.id} data-template-id={t.id}>
                <td>
                  <strong>{t.name}</strong>
                  {t.description && <div class="muted small">{t.description}</div>}
                </td>
                <td>{t.config.osVariant ?? t.config.osType}</td>
                <td class="num">{t.config.cpuCount}</td>
                <td class="num">{formatMb(t.config.memoryMb)}</td>
                <td class="num">
                  {t.config.importDiskPath ? "imported" : `${t.config.diskSizeGb} GB`}
                </td>
                <td>{t.config.network || "none"}</td>
                <td class="row-actions needs-admin">
                  <a
                    class="button button-small"
                    href={`/vms/new?template=${encodeURIComponent(t.id)}`}
                    aria-label={`Create VM from ${t.name}`}
                  >
                    Create VM
                  </a>
                  <button
                    type="button"
                    class="button button-small"
                    disabled={!hydrated.value}
                    aria-label={`Edit ${t.name}`}
                    onClick={() => mode.value = { kind: "edit", id: t.id }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={!hydrated.value}
                    aria-label={`Delete ${t.name}`}
                    onClick={() => {
                      doomed.value = t;
                      deleteDialog.current?.showModal();
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete template"
        confirmLabel="Delete"
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <p>
          Delete the template{" "}
          <strong>{doomed.value?.name}</strong>? VMs created from it are not affected.
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
