// Body of `/storage`: the storage pools island.

import type { PoolInfo } from "../shared/storage.ts";
import PoolList from "../islands/PoolList.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function StoragePage(
  { pools, error }: { pools: PoolInfo[] | null; error: string | null },
) {
  return (
    <>
      <h1>{t("Storage")}</h1>
      <p class="muted lead">
        {t(
          "Storage pools hold the VMs' disk images and ISOs: folders, file systems, NFS shares, LVM volume groups and iSCSI targets.",
        )}
      </p>
      <section class="card">
        <Island name="PoolList" component={PoolList} props={{ pools, error }} />
      </section>
    </>
  );
}
