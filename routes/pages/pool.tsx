// /storage/:pool and /storage/:pool/details: a storage pool's tabs, Volumes (the pool's own
// address) and Details.

import type { PoolDetail, VolumeInfo } from "../../shared/storage.ts";
import type { PoolTab } from "../../islands/storage/tabs.ts";
import VolumeList from "../../islands/VolumeList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Breadcrumb } from "./_breadcrumb.tsx";
import type { Context } from "hono";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

function PoolPage(
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
      <Breadcrumb href="/storage" list={t("Storage")}>{name}</Breadcrumb>
      <Island
        name="VolumeList"
        component={VolumeList}
        props={{ name, tab, pool, volumes, error }}
      />
    </>
  );
}

export default function (page: PageKit) {
  const { ctx, known } = page;
  const poolPage = async (c: Context, name: string, tab: PoolTab) => {
    const read = await known.read<PoolDetail>(`pool:${name}`, () => ctx.pools.detail(name));
    const pool = read.value;
    if (pool === null) return page.errorPage(c, read, "storage");
    // An inactive pool has no volume list; the page says so. Details lists none.
    const volumes = pool.active && tab === "volumes"
      ? await known.read(`volumes:${name}`, () => ctx.volumes.list(name))
      : { value: null, knownAt: null, error: null };
    const body = (
      <PoolPage
        name={name}
        tab={tab}
        pool={pool}
        volumes={volumes.value}
        error={page.missing(volumes)}
      />
    );
    return page.render(c, body, {
      title: t("{{name}} · Storage", { name }),
      active: "storage",
      styles: STORAGE_STYLES,
      stale: staleOf([read, volumes]),
    });
  };
  page.page(
    "/storage/:pool",
    "A storage pool's Volumes tab",
    (c) => poolPage(c, c.req.param("pool"), "volumes"),
  );
  page.page(
    "/storage/:pool/details",
    "A storage pool's Details tab",
    (c) => poolPage(c, c.req.param("pool"), "details"),
  );
}
