// The pages about every host at once: /hosts and the merged VM list /vms?host=all. Other pages
// show one host, so asking one of them for all hosts leads to the merged VM list.

import { ALL_HOSTS, type AllHostsVms, type HostStatus } from "../../shared/hosts.ts";
import type { VmState, VmSummary } from "../../shared/vms.ts";
import AllHostsVmList from "../../islands/AllHostsVmList.tsx";
import HostsManager from "../../islands/HostsManager.tsx";
import HostMaintenance from "../../islands/HostMaintenance.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { SortState } from "../../components/kit/table/sort.ts";
import { allHostsVms } from "../../lib/hosts/all_vms.ts";
import { isPage } from "../middleware/host.ts";
import type { PageKit } from "../page_kit.tsx";
import { parseStateFilter, parseVmSort } from "./_vm_list.ts";

function HostsPage({ hosts }: { hosts: HostStatus[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Hosts")}</h1>
      </div>
      <p class="lead">
        {t(
          "The libvirt hosts this server manages. Each has its own connection: one that is down or slow does not hold up the others. Pick one in the switcher at the top.",
        )}
      </p>
      <section class="card">
        <Island name="HostsManager" component={HostsManager} props={{ hosts }} />
      </section>
      <Island name="HostMaintenance" component={HostMaintenance} props={{ hosts }} />
    </>
  );
}

/** Served by the top app, above the hosts' own apps. */
export const scope = "app";

const STYLES = ["/static/wizard.css", "/static/hosts.css"];

function AllHostsVmListPage(
  { view, query, state, sort }: {
    view: AllHostsVms<VmSummary>;
    query: string;
    state: VmState | "";
    sort: SortState | null;
  },
) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Virtual machines on all hosts")}</h1>
      </div>
      <section class="card">
        <Island
          name="AllHostsVmList"
          component={AllHostsVmList}
          props={{ initial: view, query, state, sort }}
        />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  const { ctx } = page;
  page.page(
    "/hosts",
    "Hosts page: the libvirt hosts this server manages",
    (c) =>
      page.render(c, <HostsPage hosts={ctx.hosts.list()} />, {
        title: t("Hosts"),
        active: "hosts",
        styles: STYLES,
      }),
  );
  // The merged VM list: GET /vms (the vms page of each host) with ?host=all. HEAD too, which
  // Hono answers as a GET. Middleware, not a route: the route is the host's /vms.
  page.use("/vms", async (c, next) => {
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    if (!read || c.req.query("host") !== ALL_HOSTS) return await next();
    const body = (
      <AllHostsVmListPage
        view={await allHostsVms(ctx.hosts)}
        query={c.req.query("q") ?? ""}
        state={parseStateFilter(c.req.query("state"))}
        sort={parseVmSort(c.req.query("sort"), c.req.query("dir"))}
      />
    );
    return page.render(c, body, {
      title: t("All hosts"),
      active: "vms",
      styles: STYLES,
      current: { id: ALL_HOSTS, name: t("All hosts") },
    });
  });
  // Middleware, not a route: routes are what the audit trail and metrics name requests by.
  page.use("*", async (c, next) => {
    if (c.req.query("host") !== ALL_HOSTS || !isPage(c.req.path)) return await next();
    return c.redirect("/vms?host=all", 303);
  });
}
