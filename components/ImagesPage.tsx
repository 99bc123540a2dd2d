// Body of `/images`: the image library.

import type { ImageLibrary } from "../shared/images.ts";
import Images from "../islands/Images.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function ImagesPage(
  { library, pools, error }: {
    library: ImageLibrary | null;
    pools: string[];
    error: string | null;
  },
) {
  return (
    <>
      <h1>{t("Images")}</h1>
      <p class="muted lead">
        {t(
          "Cloud images and install ISOs to start VMs from: downloaded by the server straight into a pool, checked against their published checksums.",
        )}
      </p>
      <Island name="Images" component={Images} props={{ library, pools, error }} />
    </>
  );
}
