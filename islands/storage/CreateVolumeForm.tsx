// The "New volume" form of the pool page: name, format and size.

import type { VolumeFormat, VolumeInfo } from "../../shared/storage.ts";
import { VOLUME_FORMATS } from "../../shared/storage.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { NewObjectForm } from "./NewObjectForm.tsx";
import { createVolume } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  pool: string;
  onCreated: (volume: VolumeInfo) => void;
  onCancel: () => void;
}

export function CreateVolumeForm({ pool, onCreated, onCancel }: Props) {
  const draft = useDraft({ name: "", format: "qcow2" as VolumeFormat, sizeGb: "10" });
  const submit = useSubmit(async () => {
    const { name, format, sizeGb } = draft.value;
    onCreated(await createVolume(pool, { name: name.trim(), format, sizeGb: Number(sizeGb) }));
  });

  return (
    <NewObjectForm
      label={t("New volume")}
      heading={3}
      submit={submit}
      submitLabel={t("Create volume")}
      onCancel={onCancel}
      name={{
        id: "volume-name",
        hint: t("Letters, digits and . _ + -, e.g. {{example}}", { example: "data.qcow2" }),
        ...draft.text("name"),
      }}
      besideName={
        <>
          <SelectField
            id="volume-format"
            label={t("Format")}
            options={VOLUME_FORMATS.map((f) => [f, f] as const)}
            {...draft.text("format")}
          />
          <TextField
            id="volume-size"
            label={t("Size (GiB)")}
            type="number"
            min={1}
            step={1}
            required
            {...draft.text("sizeGb")}
          />
        </>
      }
    />
  );
}
