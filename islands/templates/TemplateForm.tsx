// A template made from scratch, or an existing one's name, description and resources edited.

import type { VmTemplate } from "../../shared/templates.ts";
import type { DiskFormat, OsType, VmConfig } from "../../shared/vms.ts";
import { DISK_FORMATS, OS_TYPES } from "../../shared/vms.ts";
import { validateVmConfig } from "../../shared/vm_config.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createTemplate, updateTemplate } from "../client/api.ts";
import { num } from "../wizard/draft.ts";

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

const OS_OPTIONS = OS_TYPES.map((t) => [t, t] as const);
const FORMAT_OPTIONS = DISK_FORMATS.map((f) => [f, f] as const);

export function TemplateForm({ template, networks, onSaved, onCancel }: Props) {
  const base = template?.config ?? { ...NEW_CONFIG, network: networks[0] ?? "" };
  const draft = useDraft({
    name: template?.name ?? "",
    description: template?.description ?? "",
    cpuCount: String(base.cpuCount),
    memoryMb: String(base.memoryMb),
    diskSizeGb: String(base.diskSizeGb),
    osType: base.osType as OsType,
    network: base.network,
    diskFormat: base.diskFormat as DiskFormat,
  });
  const first = useFocusFirst();
  const d = draft.value;

  // Edits replace the config whole (PUT semantics), so it starts from the stored one.
  const config: Config = {
    ...base,
    cpuCount: num(d.cpuCount),
    memoryMb: num(d.memoryMb),
    diskSizeGb: num(d.diskSizeGb),
    ...(template ? {} : { osType: d.osType, network: d.network, diskFormat: d.diskFormat }),
  };
  // No host facts here: a template is checked against the rules, not against this host.
  const { errors } = validateVmConfig({ ...config, name: "template" });
  const errorsOf = (field: string) => errors.filter((e) => e.field === field).map((e) => e.message);
  const prefix = template ? `tpl-edit-${template.id}` : "tpl-new";
  const submit = useSubmit(async () => {
    const body = { name: d.name, description: d.description, config };
    onSaved(template ? await updateTemplate(template.id, body) : await createTemplate(body));
  });

  const number = (id: string, label: string, field: "cpuCount" | "memoryMb" | "diskSizeGb") => (
    <TextField
      id={`${prefix}-${id}`}
      label={label}
      errors={errorsOf(field)}
      type="number"
      min={1}
      {...draft.text(field)}
    />
  );

  return (
    <FormPanel
      label={template ? "Edit template" : "New template"}
      title={template ? `Edit ${template.name}` : "New template"}
      class="template-form"
      browserValidates
      submit={submit}
      submitLabel={template ? "Save changes" : "Create template"}
      disabled={errors.length > 0 || d.name.trim() === ""}
      onCancel={onCancel}
    >
      <div class="field-row">
        <TextField
          id={`${prefix}-name`}
          label="Template name"
          inputRef={first}
          required
          {...draft.text("name")}
        />
        <TextField
          id={`${prefix}-description`}
          label="Description"
          {...draft.text("description")}
        />
      </div>
      <div class="field-row">
        {number("cpus", "vCPUs", "cpuCount")}
        {number("memory", "Memory (MB)", "memoryMb")}
        {number("disk", "Disk (GB)", "diskSizeGb")}
      </div>
      {!template && (
        <div class="field-row">
          <SelectField
            id={`${prefix}-os`}
            label="OS type"
            options={OS_OPTIONS}
            {...draft.text("osType")}
          />
          <SelectField
            id={`${prefix}-network`}
            label="Network"
            options={[...networks.map((n) => [n, n] as const), ["", "No network"]]}
            {...draft.text("network")}
          />
          <SelectField
            id={`${prefix}-format`}
            label="Disk format"
            options={FORMAT_OPTIONS}
            {...draft.text("diskFormat")}
          />
        </div>
      )}
    </FormPanel>
  );
}
