// /storage: the storage pools. The page renders without libvirt too: the island shows the
// error and reads again.

import type { PoolInfo } from "../../shared/storage.ts";
import PoolList from "../../islands/PoolList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

function StoragePage(
  { pools, error }: { pools: PoolInfo[] | null; error: string | null },
) {
  return (
    <>
      <PageHead title={t("Storage")} muted>
        {t(
          "Storage pools hold the VMs' disk images and ISOs: folders, file systems, NFS shares, LVM volume groups and iSCSI targets.",
        )}
      </PageHead>
      <section class="card">
        <Island name="PoolList" component={PoolList} props={{ pools, error }} />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/storage", "Storage pools page", async (c) => {
    const pools = await page.known.read<PoolInfo[]>("pools", () => page.ctx.pools.list());
    return page.render(c, <StoragePage pools={pools.value} error={page.missing(pools)} />, {
      title: t("Storage"),
      active: "storage",
      styles: STORAGE_STYLES,
      stale: staleOf([pools]),
    });
  });
}
