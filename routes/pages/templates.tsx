// /templates: the VM templates.

import type { VmTemplate } from "../../shared/templates.ts";
import TemplateList from "../../islands/TemplateList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";

function TemplatesPage(
  { templates, networks, error }: {
    templates: VmTemplate[];
    networks: string[];
    error: string | null;
  },
) {
  return (
    <>
      {error && <p class="notice notice-error">{error}</p>}
      <section class="card">
        <Island name="TemplateList" component={TemplateList} props={{ templates, networks }} />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/templates", "Templates page", async (c) => {
    const options = await page.createOptions();
    const body = (
      <TemplatesPage
        templates={page.templatesOf(c)}
        networks={options.value?.networks.map((n) => n.name) ?? []}
        error={page.missing(options)}
      />
    );
    return page.render(c, body, {
      title: t("Templates"),
      head: {
        muted: true,
        lead: t(
          "Saved VM configurations: start the create wizard from one, with everything but the name filled in.",
        ),
      },
      active: "templates",
      stale: staleOf([options]),
    });
  });
}
