// A template made from scratch, or an existing one's name, description and resources edited.

import { useSignal } from "@preact/signals";
import type { VmTemplate } from "../../shared/templates.ts";
import type { DiskFormat, OsType, VmConfig } from "../../shared/vms.ts";
import { DISK_FORMATS, OS_TYPES } from "../../shared/vms.ts";
import { MAX_CPUS, validateVmConfig } from "../../shared/vm_config.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { nameIssue } from "../../shared/names.ts";
import { osTypeName } from "../../shared/os_names.ts";
import { t } from "../../shared/i18n/t.ts";
import { DISK_SIZE, MEMORY_SIZE, sizeText } from "../../shared/units.ts";
import { ApiRequestError, createTemplate, updateTemplate } from "../../components/client/api.ts";
import { num, size, sizeIssues, withSizeIssues } from "../wizard/draft.ts";
import { refusalField, type TemplateField } from "./refusal.ts";

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

const FORMAT_OPTIONS = DISK_FORMATS.map((f) => [f, f] as const);

export function TemplateForm({ template, networks, onSaved, onCancel }: Props) {
  const base = template?.config ?? { ...NEW_CONFIG, network: networks[0] ?? "" };
  const draft = useDraft({
    name: template?.name ?? "",
    description: template?.description ?? "",
    cpuCount: String(base.cpuCount),
    memoryMb: sizeText(base.memoryMb, "MiB"),
    diskSizeGb: sizeText(base.diskSizeGb, "GiB"),
    osType: base.osType as OsType,
    network: base.network,
    diskFormat: base.diskFormat as DiskFormat,
  });
  const first = useFocusFirst();
  // The server's refusal of the last save, on the field it is about until that field changes.
  const refused = useSignal<{ field: TemplateField; message: string } | null>(null);
  const d = draft.value;

  // Edits replace the config whole (PUT semantics), so it starts from the stored one.
  const config: Config = {
    ...base,
    cpuCount: num(d.cpuCount),
    memoryMb: size(d.memoryMb, MEMORY_SIZE),
    diskSizeGb: size(d.diskSizeGb, DISK_SIZE),
    ...(template ? {} : { osType: d.osType, network: d.network, diskFormat: d.diskFormat }),
  };
  // No host facts here: a template is checked against the rules, not against this host.
  const checked = validateVmConfig({ ...config, name: "template" }).errors;
  const errors = withSizeIssues(
    checked,
    sizeIssues({ ...d, media: config.importDiskPath ? "import" : "none" }),
  );
  // An empty name is not a mistake yet (the browser's required check says so on save).
  const nameProblem = d.name.trim() === "" ? null : nameIssue("template", d.name.trim());
  const errorsOf = (field: TemplateField) => [
    ...(field === "name" && nameProblem ? [nameProblem] : []),
    ...errors.filter((e) => e.field === field).map((e) => e.message),
    ...(refused.value?.field === field ? [refused.value.message] : []),
  ];
  const prefix = template ? `tpl-edit-${template.id}` : "tpl-new";
  const submit = useSubmit(async () => {
    const body = { name: d.name, description: d.description, config };
    try {
      onSaved(template ? await updateTemplate(template.id, body) : await createTemplate(body));
    } catch (err) {
      const field = err instanceof ApiRequestError ? refusalField(err) : null;
      if (!field) throw err;
      refused.value = { field, message: (err as ApiRequestError).message };
    }
  });
  // Text fields of the draft whose change clears the server's refusal about them.
  const text = (key: TemplateField) => {
    const bound = draft.text(key);
    return {
      ...bound,
      errors: errorsOf(key),
      onValue: (value: string) => {
        if (refused.value?.field === key) refused.value = null;
        bound.onValue(value);
      },
    };
  };

  const osOptions = OS_TYPES.map((type) => [type, osTypeName(type)] as const);
  const sized = (id: string, label: string, field: "memoryMb" | "diskSizeGb", hint: string) => (
    <TextField
      id={`${prefix}-${id}`}
      label={label}
      hint={hint}
      autocomplete="off"
      spellcheck={false}
      {...text(field)}
    />
  );

  return (
    <FormPanel
      label={template ? t("Edit template") : t("New template")}
      title={template ? t("Edit {{name}}", { name: template.name }) : t("New template")}
      class="template-form"
      browserValidates
      submit={submit}
      submitLabel={template ? t("Save changes") : t("Create template")}
      disabled={errors.length > 0 || d.name.trim() === "" || !!nameProblem}
      onCancel={onCancel}
    >
      <div class="field-row">
        <TextField
          id={`${prefix}-name`}
          label={t("Template name")}
          inputRef={first}
          required
          {...text("name")}
        />
        <TextField
          id={`${prefix}-description`}
          label={t("Description")}
          {...text("description")}
        />
      </div>
      <div class="field-row">
        <TextField
          id={`${prefix}-cpus`}
          label={t("vCPUs")}
          hint={t("1 to {{max}}.", { max: MAX_CPUS })}
          type="number"
          min={1}
          {...text("cpuCount")}
        />
        {sized(
          "memory",
          t("Memory"),
          "memoryMb",
          t("E.g. 2 GiB or 512 MiB; a bare number is MiB."),
        )}
        {sized("disk", t("Disk size"), "diskSizeGb", t("E.g. 20 GiB; a bare number is GiB."))}
      </div>
      {!template && (
        <div class="field-row">
          <SelectField
            id={`${prefix}-os`}
            label={t("OS type")}
            options={osOptions}
            {...draft.text("osType")}
          />
          <SelectField
            id={`${prefix}-network`}
            label={t("Network")}
            options={[...networks.map((n) => [n, n] as const), ["", t("No network")]]}
            {...draft.text("network")}
          />
          <SelectField
            id={`${prefix}-format`}
            label={t("Disk format")}
            options={FORMAT_OPTIONS}
            {...draft.text("diskFormat")}
          />
        </div>
      )}
    </FormPanel>
  );
}
