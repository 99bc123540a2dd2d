// A collapsible "Import VM from XML" card around the ImportXml island, for the VM list page.

import ImportXml from "../../islands/ImportXml.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";

/** On the VM list page (routes/pages/vms.tsx). */
export function ImportXmlSection() {
  return (
    <section class="card needs-admin" aria-labelledby="import-title">
      <details class="collapsible">
        <summary>
          <h2 id="import-title">{t("Import VM from XML")}</h2>
        </summary>
        <Island name="ImportXml" component={ImportXml} props={{}} />
      </details>
    </section>
  );
}
