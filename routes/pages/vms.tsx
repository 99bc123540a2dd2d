// /vms: this host's VM table, filtered, sorted and searched as its query string says, and the
// import of a VM from its XML.

import { ImportXmlSection } from "./_import_xml.tsx";
import { Island } from "../../components/Island.tsx";
import VmList from "../../islands/VmList.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { VmState, VmSummary } from "../../shared/vms.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { parseStateFilter, parseVmSort } from "./_vm_list.ts";

function VmListPage(
  { vms, query, state, sort, dir, error }: {
    vms: VmSummary[];
    query: string;
    state: VmState | "";
    /** `?sort=` and `?dir=` as given. */
    sort?: string;
    dir?: string;
    error: string | null;
  },
) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Virtual machines")}</h1>
        <a class="button button-primary needs-admin" href="/vms/new">{t("New VM")}</a>
      </div>
      {error && <p class="notice notice-error">{error}</p>}
      <section class="card">
        <Island
          name="VmList"
          component={VmList}
          props={{ vms, query, state, sort: parseVmSort(sort, dir) }}
        />
      </section>
      <ImportXmlSection />
    </>
  );
}

export default function (page: PageKit) {
  page.page("/vms", "VM list page", async (c) => {
    const vms = await page.known.read<VmSummary[]>("vms", () => page.ctx.vms.listVms());
    const body = (
      <VmListPage
        vms={vms.value ?? []}
        query={c.req.query("q") ?? ""}
        state={parseStateFilter(c.req.query("state"))}
        sort={c.req.query("sort")}
        dir={c.req.query("dir")}
        error={page.missing(vms)}
      />
    );
    return page.render(c, body, {
      title: t("Virtual machines"),
      active: "vms",
      stale: staleOf([vms]),
    });
  });
}
