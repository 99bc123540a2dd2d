// Body of a pool's tabs (`/storage/:pool` Volumes, `/storage/:pool/details`): one island that
// draws the header, the tab bar and the tab.

import type { PoolDetail, VolumeInfo } from "../shared/storage.ts";
import type { PoolTab } from "../islands/storage/tabs.ts";
import VolumeList from "../islands/VolumeList.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function PoolPage(
  { name, tab, pool, volumes, error }: {
    name: string;
    tab: PoolTab;
    pool: PoolDetail | null;
    volumes: VolumeInfo[] | null;
    error: string | null;
  },
) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/storage">{t("Storage")}</a> / {name}
      </p>
      <Island
        name="VolumeList"
        component={VolumeList}
        props={{ name, tab, pool, volumes, error }}
      />
    </>
  );
}
