// An admin's own library entry: an in-house golden image, another release of a distribution
// (a folder plus a file-name pattern, the newest file found at download time), or a shipped one
// at another address.

import { useSignal } from "@preact/signals";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { CatalogEntry } from "../../shared/images.ts";
import { addImage } from "./api.ts";
import { checksumFields } from "../storage/DownloadForm.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";

const GIB = 1024 ** 3;

export function AddImageForm({ onAdded, onCancel }: {
  onAdded: (entry: CatalogEntry) => void;
  onCancel: () => void;
}) {
  const f = {
    id: useSignal(""),
    name: useSignal(""),
    kind: useSignal<"cloud" | "iso">("cloud"),
    url: useSignal(""),
    pattern: useSignal(""),
    checksum: useSignal(""),
    osinfo: useSignal(""),
    user: useSignal(""),
    minGb: useSignal("10"),
  };
  const action = useAction();
  const text = (id: string, label: string, value: typeof f.id, hint?: string) => (
    <TextField
      id={id}
      label={label}
      hint={hint}
      {...bindSignal(value)}
    />
  );

  const save = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const sums = checksumFields(f.checksum.value);
      const entry = await addImage({
        id: f.id.value.trim(),
        name: f.name.value.trim(),
        kind: f.kind.value,
        url: f.url.value.trim(),
        pattern: f.pattern.value.trim() || null,
        checksumUrl: sums.checksumUrl ?? null,
        checksum: sums.checksum ?? null,
        algorithm: null,
        osinfo: f.osinfo.value.trim() || null,
        defaultUser: f.user.value.trim() || null,
        minDiskBytes: Math.round(Number(f.minGb.value || 0) * GIB),
      });
      onAdded(entry);
      return t("Added {{name}}.", { name: entry.name });
    });
  };

  return (
    <form class="form-panel" onSubmit={save} aria-label={t("Add an image")}>
      <h2>{t("Add an image")}</h2>
      <fieldset class="subfieldset-plain image-form-grid" disabled={action.busy.value}>
        {text(
          "image-id",
          t("Id"),
          f.id,
          t("e.g. fedora-42-cloud: lower-case letters, digits, '.', '_', '-'"),
        )}
        {text("image-name", t("Name"), f.name)}
        <SelectField
          id="image-kind"
          label={t("Kind")}
          options={[["cloud", t("Cloud image")], ["iso", t("Install ISO")]]}
          value={f.kind.value}
          onValue={(v) => f.kind.value = v as "cloud" | "iso"}
        />
        {text(
          "image-url",
          t("URL"),
          f.url,
          t("the file's, or with a pattern its folder's (ending in /)"),
        )}
        {text(
          "image-pattern",
          t("File name pattern (optional)"),
          f.pattern,
          t("e.g. Fedora-Cloud-Base-Generic-44-*.x86_64.qcow2: the newest file so named is fetched"),
        )}
        {text(
          "image-checksum",
          t("Checksum (optional)"),
          f.checksum,
          t("sha256:… or sha512:…, or the URL of a sums file that lists the file ({file} for a file's own, e.g. …/{file}.sha256)"),
        )}
        {text("image-osinfo", t("OS (osinfo id)"), f.osinfo, t("e.g. fedora42, alpinelinux3.20"))}
        {text("image-user", t("Default user"), f.user)}
        <TextField
          id="image-min"
          label={t("Smallest disk (GiB)")}
          type="number"
          min="0"
          step="any"
          value={f.minGb.value}
          onValue={(v) => f.minGb.value = v}
        />
      </fieldset>
      <SaveButtons action={action} label={t("Add image")}>
        <button type="button" class="button" onClick={onCancel}>{t("Cancel")}</button>
      </SaveButtons>
    </form>
  );
}
