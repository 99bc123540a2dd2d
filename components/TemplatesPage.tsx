// Body of `/templates`: the saved VM templates island.

import type { VmTemplate } from "../shared/templates.ts";
import TemplateList from "../islands/TemplateList.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function TemplatesPage(
  { templates, networks, error }: {
    templates: VmTemplate[];
    networks: string[];
    error: string | null;
  },
) {
  return (
    <>
      <h1>{t("Templates")}</h1>
      <p class="muted lead">
        {t(
          "Saved VM configurations: start the create wizard from one, with everything but the name filled in.",
        )}
      </p>
      {error && <p class="notice notice-error">{error}</p>}
      <section class="card">
        <Island name="TemplateList" component={TemplateList} props={{ templates, networks }} />
      </section>
    </>
  );
}
