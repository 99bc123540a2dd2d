// A template made from scratch, or an existing one's name, description and resources edited.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { VmTemplate } from "../../shared/templates.ts";
import type { DiskFormat, OsType, VmConfig } from "../../shared/vms.ts";
import { DISK_FORMATS, OS_TYPES } from "../../shared/vms.ts";
import { validateVmConfig } from "../../shared/vm_config.ts";
import { createTemplate, errorMessage, updateTemplate } from "../client/api.ts";
import { num } from "../wizard/draft.ts";
import { Field } from "../wizard/Field.tsx";

interface Props {
  /** The template to edit; none for a new one. */
  template?: VmTemplate;
  networks: string[];
  onSaved: (t: VmTemplate) => void;
  onCancel: () => void;
}

type Config = Omit<VmConfig, "name">;

const NEW_CONFIG: Config = {
  cpuCount: 1,
  memoryMb: 1024,
  diskSizeGb: 20,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
};

export function TemplateForm({ template, networks, onSaved, onCancel }: Props) {
  const base = template?.config ?? { ...NEW_CONFIG, network: networks[0] ?? "" };
  const name = useSignal(template?.name ?? "");
  const description = useSignal(template?.description ?? "");
  const cpuCount = useSignal(String(base.cpuCount));
  const memoryMb = useSignal(String(base.memoryMb));
  const diskSizeGb = useSignal(String(base.diskSizeGb));
  const osType = useSignal<OsType>(base.osType);
  const network = useSignal(base.network);
  const diskFormat = useSignal<DiskFormat>(base.diskFormat);
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  // Focused as the form appears (not after a paint), so typing that starts at once stays in

  // the field it started in.

  useLayoutEffect(() => first.current?.focus(), []);

  // Edits replace the config whole (PUT semantics), so it starts from the stored one.
  const config: Config = {
    ...base,
    cpuCount: num(cpuCount.value),
    memoryMb: num(memoryMb.value),
    diskSizeGb: num(diskSizeGb.value),
    ...(template
      ? {}
      : { osType: osType.value, network: network.value, diskFormat: diskFormat.value }),
  };
  // No host facts here: a template is checked against the rules, not against this host.
  const { errors } = validateVmConfig({ ...config, name: "template" });
  const errorsOf = (field: string) => errors.filter((e) => e.field === field).map((e) => e.message);
  const prefix = template ? `tpl-edit-${template.id}` : "tpl-new";

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const body = { name: name.value, description: description.value, config };
      onSaved(template ? await updateTemplate(template.id, body) : await createTemplate(body));
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  const number = (id: string, label: string, field: "cpuCount" | "memoryMb" | "diskSizeGb") => {
    const value = { cpuCount, memoryMb, diskSizeGb }[field];
    return (
      <Field id={`${prefix}-${id}`} label={label} errors={errorsOf(field)}>
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            value={value.value}
            onInput={(e) => value.value = e.currentTarget.value}
          />
        )}
      </Field>
    );
  };

  return (
    <form
      class="template-form"
      onSubmit={save}
      aria-label={template ? "Edit template" : "New template"}
    >
      <h2>{template ? `Edit ${template.name}` : "New template"}</h2>
      <div class="field-row">
        <Field id={`${prefix}-name`} label="Template name">
          {(a) => (
            <input
              {...a}
              ref={first}
              type="text"
              required
              value={name.value}
              onInput={(e) => name.value = e.currentTarget.value}
            />
          )}
        </Field>
        <Field id={`${prefix}-description`} label="Description">
          {(a) => (
            <input
              {...a}
              type="text"
              value={description.value}
              onInput={(e) => description.value = e.currentTarget.value}
            />
          )}
        </Field>
      </div>
      <div class="field-row">
        {number("cpus", "vCPUs", "cpuCount")}
        {number("memory", "Memory (MB)", "memoryMb")}
        {number("disk", "Disk (GB)", "diskSizeGb")}
      </div>
      {!template && (
        <div class="field-row">
          <Field id={`${prefix}-os`} label="OS type">
            {(a) => (
              <select
                {...a}
                value={osType.value}
                onChange={(e) => osType.value = e.currentTarget.value as OsType}
              >
                {OS_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
              </select>
            )}
          </Field>
          <Field id={`${prefix}-network`} label="Network">
            {(a) => (
              <select
                {...a}
                value={network.value}
                onChange={(e) => network.value = e.currentTarget.value}
              >
                {networks.map((n) => <option key={n} value={n}>{n}</option>)}
                <option value="">No network</option>
              </select>
            )}
          </Field>
          <Field id={`${prefix}-format`} label="Disk format">
            {(a) => (
              <select
                {...a}
                value={diskFormat.value}
                onChange={(e) => diskFormat.value = e.currentTarget.value as DiskFormat}
              >
                {DISK_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>
            )}
          </Field>
        </div>
      )}
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value || errors.length > 0 || name.value.trim() === ""}
          aria-busy={saving.value}
        >
          {template ? "Save changes" : "Create template"}
        </button>
      </div>
    </form>
  );
}
