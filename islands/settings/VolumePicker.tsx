// Picks an existing volume: a pool, then one of its volumes (from /api/pools/:pool/volumes).
// The path field stays editable for volumes the lists do not show.

import { useSignal } from "@preact/signals";
import type { PoolSummary, VolumeInfo } from "../../shared/storage.ts";
import { errorMessage } from "../client/api.ts";
import { listVolumes } from "../storage/api.ts";

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
      <div class="form-field">
        <label for="existing-pool">Pool</label>
        <select
          id="existing-pool"
          value={pool.value}
          onChange={(e) => choosePool(e.currentTarget.value)}
        >
          <option value="">Choose a pool…</option>
          {pools.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
        </select>
      </div>
      <div class="form-field">
        <label for="existing-volume">Volume</label>
        <select
          id="existing-volume"
          disabled={!volumes.value}
          value={volumes.value?.find((v) => v.path === path.value)?.path ?? ""}
          onChange={(e) => {
            const vol = volumes.value?.find((v) => v.path === e.currentTarget.value);
            if (vol) onPick(vol);
          }}
        >
          <option value="">
            {volumes.value
              ? (volumes.value.length ? "Choose a volume…" : "No disk volumes in this pool")
              : "Choose a pool first"}
          </option>
          {volumes.value?.map((v) => (
            <option key={v.path} value={v.path}>
              {v.name} ({v.format ?? "?"}, {(v.capacityBytes / 1024 ** 3).toFixed(1)} GiB)
            </option>
          ))}
        </select>
        {error.value && <p class="form-error" role="alert">{error.value}</p>}
      </div>
    </div>
  );
}
