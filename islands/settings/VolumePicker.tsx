// Picks an existing volume: a pool, then one of its volumes (from /api/pools/:pool/volumes).
// The path field stays editable for volumes the lists do not show.

import { useSignal } from "@preact/signals";
import type { PoolSummary, VolumeInfo } from "../../shared/storage.ts";
import { errorMessage } from "../../components/client/api.ts";
import { listVolumes } from "../storage/api.ts";
import { formatNumber } from "../../shared/i18n/format.ts";
import { SelectField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";

const ONE_DIGIT = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

/** "data (qcow2, 10.0 GiB)": a name, a format and a size, no words to translate. */
const volumeText = (v: VolumeInfo) =>
  `${v.name} (${v.format ?? "?"}, ${formatNumber(v.capacityBytes / 1024 ** 3, ONE_DIGIT)} GiB)`;

export function VolumePicker(
  { pools, path, onPick }: {
    pools: PoolSummary[];
    path: { value: string };
    onPick: (vol: VolumeInfo) => void;
  },
) {
  const pool = useSignal("");
  const volumes = useSignal<VolumeInfo[] | null>(null);
  const error = useSignal<string | null>(null);

  const choosePool = (name: string) => {
    pool.value = name;
    volumes.value = null;
    error.value = null;
    if (!name) return;
    listVolumes(name).then(
      (list) => volumes.value = list.filter((v) => !/\.iso$/i.test(v.name)),
      (e) => error.value = errorMessage(e),
    );
  };

  return (
    <div class="form-row">
      <SelectField
        id="existing-pool"
        label={t("Pool")}
        options={[["", t("Choose a pool…")], ...pools.map((p) => [p.name, p.name] as const)]}
        value={pool.value}
        onValue={choosePool}
      />
      <SelectField
        id="existing-volume"
        label={t("Volume")}
        errors={error.value ? [error.value] : []}
        disabled={!volumes.value}
        options={[
          [
            "",
            volumes.value
              ? (volumes.value.length ? t("Choose a volume…") : t("No disk volumes in this pool"))
              : t("Choose a pool first"),
          ],
          ...(volumes.value ?? []).map((v) => [v.path, volumeText(v)] as const),
        ]}
        value={volumes.value?.find((v) => v.path === path.value)?.path ?? ""}
        onValue={(chosen) => {
          const vol = volumes.value?.find((v) => v.path === chosen);
          if (vol) onPick(vol);
        }}
      />
    </div>
  );
}
