// The fields of a restore that makes a new VM, from a backup here or from a restic repository:
// the new VM's name, checked as it is typed, and the storage pool its disks go to.

import type { PoolSummary } from "../../shared/storage.ts";
import { SelectField } from "../../components/kit/controls.tsx";
import { NewVmNameField } from "../settings/NewVmNameField.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The pools a restore can write to, as select options: the active ones. */
export const activePoolOptions = (pools: PoolSummary[]) =>
  pools.filter((p) => p.active).map((p) => [p.name, p.name] as const);

interface Props {
  /** The fields' ids are `${prefix}-name` and `${prefix}-pool`. */
  prefix: string;
  name: string;
  onName: (name: string) => void;
  pools: PoolSummary[];
  pool: string;
  onPool: (pool: string) => void;
  /** The choice before the pools, where the server may pick the pool itself. */
  serverChoice?: readonly [string, string];
  poolHint?: string;
}

export function NewVmFields({ prefix, pools, serverChoice, ...rest }: Props) {
  const options = activePoolOptions(pools);
  return (
    <>
      <NewVmNameField
        id={`${prefix}-name`}
        label={t("Name of the new VM")}
        value={rest.name}
        onValue={rest.onName}
      />
      <SelectField
        id={`${prefix}-pool`}
        class="form-field"
        label={t("Storage pool for the disks")}
        hint={rest.poolHint}
        options={serverChoice ? [serverChoice, ...options] : options}
        value={rest.pool}
        onValue={rest.onPool}
      />
    </>
  );
}
