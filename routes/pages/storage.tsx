// /storage: the storage pools. The page renders without libvirt too: the island shows the
// error and reads again.

import type { PoolInfo } from "../../shared/storage.ts";
import PoolList from "../../islands/PoolList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";
import { renderListPage } from "./_list_page.tsx";

export default function (page: PageKit) {
  page.page("/storage", "Storage pools page", async (c) => {
    const pools = await page.known.read<PoolInfo[]>("pools", () => page.ctx.pools.list());
    const island = (pools: PoolInfo[] | null, error: string | null) => (
      <Island name="PoolList" component={PoolList} props={{ pools, error }} />
    );
    return renderListPage(page, c, pools, island, {
      title: t("Storage"),
      lead: t(
        "Storage pools hold the VMs' disk images and ISOs: folders, file systems, NFS shares, LVM volume groups and iSCSI targets.",
      ),
      active: "storage",
      styles: STORAGE_STYLES,
    });
  });
}
