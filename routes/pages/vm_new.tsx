// /vms/new: the create-VM wizard, started empty, from a template (?template=), a library image
// (?image=, as a linked clone) or an imported OVA's disks (?ova=).

import type { VmTemplate } from "../../shared/templates.ts";
import type { CreateOptions, VmConfig } from "../../shared/vms.ts";
import CreateVmWizard from "../../islands/CreateVmWizard.tsx";
import { wizardOptions } from "../../islands/wizard/options.ts";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Breadcrumb } from "./_breadcrumb.tsx";
import type { OvaImport } from "../../shared/ova.ts";
import { OvaReview } from "../../components/OvaReview.tsx";
import { wizardStart } from "../../lib/ova/wizard_start.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { WIZARD_CSS } from "../page_styles.ts";

function CreateVmPage(
  { options, templates, templateId, notice, prefill = null, review = null }: {
    options: CreateOptions;
    templates: VmTemplate[];
    /** The `?template=` to start from; "" for none. */
    templateId: string;
    /** Why the requested template is not used, e.g. "Template not found: x". */
    notice: string | null;
    /** What `?image=` fills in (a library image as a linked clone), or null. */
    prefill?: Partial<VmConfig> | null;
    /** The OVA import `?ova=` starts from, shown for review above the wizard. */
    review?: OvaImport | null;
  },
) {
  return (
    <>
      <Breadcrumb href="/vms" list={t("Virtual machines")}>{t("New")}</Breadcrumb>
      <h1>{t("New virtual machine")}</h1>
      {notice && <p class="notice notice-error" role="alert">{notice}</p>}
      {review && <OvaReview record={review} />}
      <noscript>
        <p class="notice notice-error">{t("The create wizard needs JavaScript.")}</p>
      </noscript>
      <section class="card">
        <Island
          name="CreateVmWizard"
          component={CreateVmWizard}
          props={{ options: wizardOptions(options), templates, templateId, prefill }}
        />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/vms/new", "New VM wizard", async (c) => {
    const read = await page.createOptions();
    const options = read.value;
    if (options === null) return page.errorPage(c, read, "vms");
    const templates = page.templatesOf(c);
    const wanted = c.req.query("template") ?? "";
    const found = templates.some((t) => t.id === wanted);
    // The API's words for an unknown id, in the page's language; the wizard still opens.
    const notice = wanted && !found ? t("Template not found: {{id}}", { id: wanted }) : null;
    const start = await wizardStart(page.ctx, c.req.query(), options.osVariants);
    const body = (
      <CreateVmPage
        options={options}
        templates={templates}
        templateId={found ? wanted : ""}
        notice={notice ?? start.notice}
        prefill={start.prefill}
        review={start.review}
      />
    );
    return page.render(c, body, {
      title: t("New virtual machine"),
      active: "vms",
      styles: [WIZARD_CSS],
      stale: staleOf([read]),
    });
  });
}
