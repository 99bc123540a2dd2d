// /images: the image library (cloud images and ISOs), and the active pools to put one in.

import type { ImageLibrary } from "../../shared/images.ts";
import Images from "../../islands/Images.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PoolInfo } from "../../shared/storage.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

export default function (page: PageKit) {
  const { ctx, known } = page;
  page.page("/images", "Image library page", async (c) => {
    const library = await known.read<ImageLibrary>("images", () => ctx.imageLibrary.list());
    const pools = await known.read<PoolInfo[]>("pools", () => ctx.pools.list());
    const active = (pools.value ?? []).filter((p) => p.active).map((p) => p.name);
    const props = { library: library.value, pools: active, error: page.missing(library) };
    const body = <Island name="Images" component={Images} props={props} />;
    return page.render(c, body, {
      title: t("Images"),
      head: {
        muted: true,
        lead: t(
          "Cloud images and install ISOs to start VMs from: downloaded by the server straight into a pool, checked against their published checksums.",
        ),
      },
      active: "images",
      styles: ["/static/images.css", ...STORAGE_STYLES],
      stale: staleOf([library, pools]),
    });
  });
}
