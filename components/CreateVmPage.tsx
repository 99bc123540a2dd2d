// Body of `/vms/new`: the create-VM wizard island, server-rendered with the host's options.

import type { VmTemplate } from "../shared/templates.ts";
import type { CreateOptions, VmConfig } from "../shared/vms.ts";
import CreateVmWizard from "../islands/CreateVmWizard.tsx";
import { wizardOptions } from "../islands/wizard/options.ts";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";
import type { OvaImport } from "../shared/ova.ts";
import { OvaReview } from "./OvaReview.tsx";

export function CreateVmPage(
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
      <p class="breadcrumb">
        <a href="/vms">{t("Virtual machines")}</a> / {t("New")}
      </p>
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
