// Server-rendered HTML pages; islands hydrate parts of them in the browser.

import type { Context, Handler } from "hono";
import type { BlankEnv } from "hono/types";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import { INSIGHT_RANGES, type InsightRange } from "../shared/metrics.ts";
import type { NetworkInfo } from "../shared/networks.ts";
import type { PoolDetail, PoolInfo } from "../shared/storage.ts";
import type { VmTemplate } from "../shared/templates.ts";
import type { CreateOptions, Vm, VmSummary } from "../shared/vms.ts";
import { consoleAssets, ConsolePage } from "../components/ConsolePage.tsx";
import { SerialPage } from "../components/SerialPage.tsx";
import { CreateVmPage } from "../components/CreateVmPage.tsx";
import { DashboardPage } from "../components/DashboardPage.tsx";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { AlertsPage, InsightsPage, SettingsPage } from "../components/MonitoringPages.tsx";
import { BackupsPage } from "../components/BackupsPage.tsx";
import { SchedulesPage } from "../components/SchedulesPage.tsx";
import type { NavItem, StaleData } from "../components/Layout.tsx";
import { NetworkPage } from "../components/NetworkPage.tsx";
import { NetworksPage } from "../components/NetworksPage.tsx";
import { PoolPage } from "../components/PoolPage.tsx";
import { StoragePage } from "../components/StoragePage.tsx";
import { TemplatesPage } from "../components/TemplatesPage.tsx";
import { ProfilesPage } from "../components/ProfilesPage.tsx";
import { HostDevicesPage } from "../components/HostDevicesPage.tsx";
import type { HostDeviceInventory } from "../shared/host_devices.ts";
import { TopologyPage } from "../components/TopologyPage.tsx";
import { ImagesPage } from "../components/ImagesPage.tsx";
import { wizardStart } from "../lib/ova/wizard_start.ts";
import type { ImageLibrary } from "../shared/images.ts";
import type { Topology } from "../shared/topology.ts";
import { AdvancedTab } from "../components/vm/AdvancedTab.tsx";
import { BackupsTab } from "../components/vm/BackupsTab.tsx";
import { HardwareTab } from "../components/vm/HardwareTab.tsx";
import { FirewallTab } from "../components/vm/FirewallTab.tsx";
import { PolicyTab } from "../components/vm/PolicyTab.tsx";
import { SnapshotsTab } from "../components/vm/SnapshotsTab.tsx";
import { SummaryTab } from "../components/vm/SummaryTab.tsx";
import type { VmTab } from "../components/vm/tabs.ts";
import { VmFrame } from "../components/vm/VmFrame.tsx";
import type { NetworkTab } from "../islands/networks/tabs.ts";
import type { PoolTab } from "../islands/storage/tabs.ts";
import { parseStateFilter, VmListPage } from "../components/VmListPage.tsx";
import { loginResponse } from "./login_page.tsx";
import { templatesFor } from "../lib/auth/redact.ts";
import { mayOpenConsole } from "../lib/auth/permissions.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./middleware/auth.ts";
import { AccessPage } from "../components/AccessPage.tsx";
import { AuditPage } from "../components/AuditPage.tsx";
import { TasksPage } from "../components/TasksPage.tsx";
import { TASKS_PAGE_MAX } from "../shared/tasks.ts";
import { PageData, type PageRead } from "./page_data.ts";
import { dashboardData } from "./dashboard_data.ts";
import { DeclaredApp } from "./declare.ts";
import { type PageOptions, renderPage, staleOf } from "./page_render.tsx";
import {
  MONITORING_CSS,
  MONITORING_STYLES,
  section,
  STORAGE_STYLES,
  UPLOT_CSS,
  WIZARD_CSS,
} from "./page_sections.ts";
import { t } from "../shared/i18n/t.ts";
import { LOCAL_HOST } from "../shared/hosts.ts";
import { vmResourceIn } from "../lib/cluster/service.ts";
export { type PageOptions, renderPage, staleOf };

/**
 * Mount at "/": `app.route("/", pageRoutes(ctx))`. `known`: what this host's pages last read
 * from libvirt, and how long they wait on it (one per host context).
 */
export function pageRoutes(ctx: AppContext, known = new PageData()): DeclaredApp {
  // Non-admins get templates without their secrets (null, marked as set). The islands only
  // show that a secret is set and never edit one (writes are admin-only), so the redacted view
  // is handed to them in the shape they take.
  const templatesOf = (c: Context) =>
    templatesFor(c.get("identity"), ctx.templates.list()) as VmTemplate[];
  // Pages are for viewers and up, unless one says otherwise.
  const app = new DeclaredApp({ access: "read" });
  const page = <P extends string>(path: P, summary: string, handler: Handler<BlankEnv, P>) =>
    app.page({ method: "get", path, summary }, handler);

  const render = (c: Context, body: VNode, options: PageOptions) =>
    renderPage(ctx, c, body, options);

  // A page without its object (unknown id or name, libvirt down) becomes an error page with
  // the API's status and words; anything else is a bug and goes to the app's onError.
  const errorPage = (c: Context, err: unknown, active: NavItem, stale?: StaleData | null) => {
    if (!(err instanceof AppError)) throw err;
    return render(c, <ErrorPage status={err.status} message={err.message} />, {
      title: err.status === 404 ? t("Not found") : t("Error"),
      active,
      status: err.status as ContentfulStatusCode,
      stale,
    });
  };

  // A VM page of a libvirtd that does not answer shows the VM as last read, if it was.
  // Pacemaker runs VMs of the server's own host only, never the test driver's (lib/cluster/).
  const readsCluster = ctx.hostId === LOCAL_HOST && !ctx.config.uri.startsWith("test:");
  const withVm = async (
    c: Context,
    page: (vm: Vm, cluster: string | null) => PageOptions & { body: VNode },
  ) => {
    const id = c.req.param("id")!;
    const [read, cluster] = await Promise.all([
      known.read(`vm:${id}`, () => ctx.vms.getVm(id)),
      readsCluster ? ctx.cluster.view().catch(() => null) : null,
    ]);
    if (read.value === null) return errorPage(c, read.error, "vms", staleOf([read]));
    const { body, ...options } = page(read.value, vmResourceIn(cluster, read.value));
    return render(c, body, { ...options, stale: staleOf([read]) });
  };

  const mayConsole = (c: Context, vm: Vm) => mayOpenConsole(c.get("identity"), vm.id);
  // Not settings().tickSeconds: that also counts the history's rows, for every page view.
  const tickSeconds = () => ctx.monitoring.collector.tickMs / 1000;

  app.page({
    method: "get",
    path: "/login",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    summary: "Sign-in page",
    access: "public",
  }, (c) => loginResponse(c, ctx.auth.settings, 200));

  app.page(
    {
      method: "get",
      path: "/audit",
      // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
      summary: "Audit log page",
      access: "admin",
    },
    (c) => render(c, <AuditPage />, section(t("Audit log"), "audit", ["/static/audit.css"])),
  );

  app.page(
    {
      method: "get",
      path: "/access",
      // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
      summary: "Access page: API tokens and role assignments",
      access: "admin",
    },
    (c) => render(c, <AccessPage />, section(t("Access"), "access", ["/static/access.css"])),
  );

  const listVms = () => known.read<VmSummary[]>("vms", () => ctx.vms.listVms());
  const createOptions = () => known.read<CreateOptions>("options", () => ctx.vms.createOptions());
  /** Why a read has no value, for the page to say in its place. */
  const missing = (r: PageRead<unknown>) => r.value === null ? r.error?.message ?? null : null;

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/", "Dashboard: the host and its VMs", async (c) => {
    const { data, reads } = await dashboardData(ctx, known, c.get("identity"));
    return render(c, <DashboardPage {...data} tickSeconds={tickSeconds()} />, {
      ...section(t("Dashboard"), "dashboard", [UPLOT_CSS, MONITORING_CSS]),
      stale: staleOf(reads),
    });
  });

  page("/vms", "VM list page", async (c) => {
    const vms = await listVms();
    const query = c.req.query("q") ?? "";
    const state = parseStateFilter(c.req.query("state"));
    const body = (
      <VmListPage
        vms={vms.value ?? []}
        query={query}
        state={state}
        sort={c.req.query("sort")}
        dir={c.req.query("dir")}
        error={missing(vms)}
      />
    );
    return render(c, body, {
      ...section(t("Virtual machines"), "vms", undefined, "list"),
      stale: staleOf([vms]),
    });
  });

  // Before /vms/:id, which would take "new" for an id.
  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/vms/new", "New VM wizard", async (c) => {
    const read = await createOptions();
    const options = read.value;
    if (options === null) return errorPage(c, read.error, "vms", staleOf([read]));
    const templates = templatesOf(c);
    const wanted = c.req.query("template") ?? "";
    const found = templates.some((t) => t.id === wanted);
    // The API's words for an unknown id, in the page's language; the wizard still opens.
    const notice = wanted && !found ? t("Template not found: {{id}}", { id: wanted }) : null;
    // `?image=` (a library image as a linked clone) or `?ova=` (an imported OVA's disks).
    const start = await wizardStart(ctx, c.req.query(), options.osVariants);
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
    return render(c, body, {
      ...section(t("New virtual machine"), "vms", [WIZARD_CSS], "create"),
      stale: staleOf([read]),
    });
  });

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/templates", "Templates page", async (c) => {
    const options = await createOptions();
    const body = (
      <TemplatesPage
        templates={templatesOf(c)}
        networks={options.value?.networks.map((n) => n.name) ?? []}
        error={missing(options)}
      />
    );
    return render(c, body, {
      ...section(t("Templates"), "templates"),
      stale: staleOf([options]),
    });
  });

  // Profiles live in the app store, not libvirt: listed even while libvirt is away.
  page(
    "/profiles",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Profiles page",
    (c) =>
      render(
        c,
        <ProfilesPage profiles={ctx.profiles.list()} />,
        section(t("Profiles"), "profiles"),
      ),
  );

  // The list pages still render without libvirt: the island shows the error and retries.
  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/storage", "Storage pools page", async (c) => {
    const pools = await known.read<PoolInfo[]>("pools", () => ctx.pools.list());
    return render(c, <StoragePage pools={pools.value} error={missing(pools)} />, {
      ...section(t("Storage"), "storage", STORAGE_STYLES),
      stale: staleOf([pools]),
    });
  });

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/host/devices", "Host devices page", async (c) => {
    const read = await known.read<HostDeviceInventory>(
      "host-devices",
      () => ctx.hostDevices.inventory(),
    );
    return render(c, <HostDevicesPage inventory={read.value} error={missing(read)} />, {
      ...section(t("Host devices"), "host_devices", STORAGE_STYLES),
      stale: staleOf([read]),
    });
  });

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/images", "Image library page", async (c) => {
    const library = await known.read<ImageLibrary>("images", () => ctx.imageLibrary.list());
    const pools = await known.read<PoolInfo[]>("pools", () => ctx.pools.list());
    const active = (pools.value ?? []).filter((p) => p.active).map((p) => p.name);
    const body = <ImagesPage library={library.value} pools={active} error={missing(library)} />;
    return render(c, body, {
      ...section(t("Images"), "images", ["/static/images.css", ...STORAGE_STYLES]),
      stale: staleOf([library, pools]),
    });
  });

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/topology", "Network topology page", async (c) => {
    const read = await known.read<Topology>("topology", () => ctx.topology.topology());
    return render(c, <TopologyPage topology={read.value} error={missing(read)} />, {
      ...section(t("Network topology"), "topology", ["/static/topology.css"]),
      stale: staleOf([read]),
    });
  });

  // A pool's tabs: Volumes (the pool's own URL) and Details.
  const poolPage = async (c: Context, name: string, tab: PoolTab) => {
    const read = await known.read<PoolDetail>(`pool:${name}`, () => ctx.pools.detail(name));
    const pool = read.value;
    if (pool === null) return errorPage(c, read.error, "storage", staleOf([read]));
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
        error={missing(volumes)}
      />
    );
    return render(c, body, {
      ...section(t("{{name}} · Storage", { name }), "storage", STORAGE_STYLES),
      stale: staleOf([read, volumes]),
    });
  };
  page(
    "/storage/:pool",
    "A storage pool's Volumes tab",
    (c) => poolPage(c, c.req.param("pool"), "volumes"),
  );
  page(
    "/storage/:pool/details",
    "A storage pool's Details tab",
    (c) => poolPage(c, c.req.param("pool"), "details"),
  );

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/networks", "Networks page", async (c) => {
    const networks = await known.read<NetworkInfo[]>("networks", () => ctx.networks.list());
    return render(c, <NetworksPage networks={networks.value} error={missing(networks)} />, {
      ...section(t("Networks"), "networks", STORAGE_STYLES),
      stale: staleOf([networks]),
    });
  });

  // A network's tabs: Overview (the network's own URL), DHCP & hosts, Port forwards, Leases.
  const networkPage = async (c: Context, name: string, tab: NetworkTab) => {
    const read = await known.read<NetworkInfo>(`network:${name}`, () => ctx.networks.get(name));
    const network = read.value;
    if (network === null) return errorPage(c, read.error, "networks", staleOf([read]));
    return render(c, <NetworkPage name={name} tab={tab} network={network} error={null} />, {
      ...section(t("{{name}} · Networks", { name }), "networks", STORAGE_STYLES),
      stale: staleOf([read]),
    });
  };
  page(
    "/networks/:net",
    "A network's Overview tab",
    (c) => networkPage(c, c.req.param("net"), "overview"),
  );
  page(
    "/networks/:net/dhcp",
    "A network's DHCP & hosts tab",
    (c) => networkPage(c, c.req.param("net"), "dhcp"),
  );
  page(
    "/networks/:net/forwards",
    "A network's Port forwards tab",
    (c) => networkPage(c, c.req.param("net"), "forwards"),
  );
  page(
    "/networks/:net/leases",
    "A network's Leases tab",
    (c) => networkPage(c, c.req.param("net"), "leases"),
  );

  // A VM's tabs: each its own URL, page and bundle; the same header and tab bar on all.
  const vmStyles = [MONITORING_CSS];
  page(
    "/vms/:id",
    "A VM's Summary tab: configuration, usage, guest, insights",
    (c) =>
      withVm(c, (vm, cluster) => ({
        body: (
          <VmFrame vm={vm} tab="summary" cluster={cluster} console={mayConsole(c, vm)}>
            <SummaryTab vm={vm} tickSeconds={tickSeconds()} />
          </VmFrame>
        ),
        title: vm.name,
        active: "vms",
        entry: "details",
        styles: [UPLOT_CSS, ...vmStyles],
      })),
  );

  const vmTab = (
    tab: Exclude<VmTab, "summary" | "console">,
    summary: string,
    Body: (p: { vm: Vm }) => VNode,
  ) =>
    page(`/vms/:id/${tab}`, summary, (c) =>
      withVm(c, (vm, cluster) => ({
        body: (
          <VmFrame vm={vm} tab={tab} cluster={cluster} console={mayConsole(c, vm)}>
            <Body vm={vm} />
          </VmFrame>
        ),
        // The VM's name alone, as on its Summary: the tab is in the breadcrumb and the bar.
        title: vm.name,
        active: "vms",
        // Each tab bundles only its own islands (islands/entries/vm_<tab>.ts).
        entry: `vm_${tab}` as const,
        styles: vmStyles,
      })));
  vmTab("hardware", "A VM's Hardware tab: resources, boot, disks, NICs, graphics", HardwareTab);
  vmTab("snapshots", "A VM's Snapshots tab", SnapshotsTab);
  vmTab("backups", "A VM's Backups tab", BackupsTab);
  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  vmTab("firewall", "A VM's Firewall tab: its network filter rules and policies", FirewallTab);
  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  vmTab("policy", "A VM's Policy tab: its profile and overrides", PolicyTab);
  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  vmTab("advanced", "A VM's Advanced tab: domain XML and migration", AdvancedTab);

  page(
    "/vms/:id/console",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "A VM's Console tab: the graphical (VNC or SPICE) console",
    (c) =>
      withVm(c, (vm) => ({
        body: <ConsolePage vm={vm} allowed={mayConsole(c, vm)} />,
        title: t("{{name}} console", { name: vm.name }),
        active: "vms",
        // The VM's own display decides which console's bundle (noVNC or spice-html5) it loads.
        ...consoleAssets(vm, vmStyles),
      })),
  );

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/vms/:id/serial", "A VM's Console tab: the serial console", (c) =>
    withVm(c, (vm) => ({
      body: <SerialPage vm={vm} allowed={mayConsole(c, vm)} />,
      title: t("{{name}} serial console", { name: vm.name }),
      active: "vms",
      entry: "serial",
      styles: ["/static/build/xterm.css", "/static/serial.css", ...vmStyles],
    })));

  page(
    "/alerts",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Alerts page",
    (c) => render(c, <AlertsPage />, section(t("Alerts"), "alerts", MONITORING_STYLES)),
  );

  // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
  page("/insights", "Insights page", async (c) => {
    // An unknown range falls back to the default, as a page should rather than answer 400.
    const asked = c.req.query("range") as InsightRange;
    const range = INSIGHT_RANGES.includes(asked) ? asked : "24h";
    const report = await ctx.monitoring.insights(range);
    return render(
      c,
      <InsightsPage range={range} report={report} />,
      section(t("Insights"), "insights", MONITORING_STYLES),
    );
  });

  page(
    "/settings",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Settings page: metric history retention",
    (c) =>
      render(
        c,
        <SettingsPage settings={ctx.monitoring.settings()} />,
        section(t("Settings"), "settings", MONITORING_STYLES),
      ),
  );

  page(
    "/schedules",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Schedules page",
    (c) => render(c, <SchedulesPage />, section(t("Schedules"), "schedules")),
  );

  page(
    "/backups",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Backups page",
    (c) => render(c, <BackupsPage />, section(t("Backups"), "backups")),
  );

  page(
    "/tasks",
    // deno-lint-ignore translate/untranslated-text -- OpenAPI summary, the API's words
    "Task log page",
    (c) => {
      const identity = c.get("identity");
      return render(
        c,
        <TasksPage
          tasks={ctx.tasks.list({ limit: TASKS_PAGE_MAX, identity })}
          who={identity ? { user: identity.user, role: identity.role } : null}
        />,
        section(t("Tasks"), "tasks"),
      );
    },
  );

  return app;
}
