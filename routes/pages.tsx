// Server-rendered HTML pages; islands hydrate parts of them in the browser.

import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import { INSIGHT_RANGES, type InsightRange } from "../lib/metrics/types.ts";
import type {
  CreateOptions,
  HostInfo,
  NetworkInfo,
  PoolInfo,
  Vm,
  VmSummary,
  VmTemplate,
} from "../lib/types.ts";
import { ConsolePage } from "../components/ConsolePage.tsx";
import { SerialPage } from "../components/SerialPage.tsx";
import { CreateVmPage } from "../components/CreateVmPage.tsx";
import { DashboardPage } from "../components/DashboardPage.tsx";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { AlertsPage, InsightsPage, SettingsPage } from "../components/MonitoringPages.tsx";
import { BackupsPage } from "../components/BackupsPage.tsx";
import { SchedulesPage } from "../components/SchedulesPage.tsx";
import { Layout, type NavItem, type PageEntry } from "../components/Layout.tsx";
import { NetworkPage } from "../components/NetworkPage.tsx";
import { NetworksPage } from "../components/NetworksPage.tsx";
import { PoolPage } from "../components/PoolPage.tsx";
import { StoragePage } from "../components/StoragePage.tsx";
import { TemplatesPage } from "../components/TemplatesPage.tsx";
import { ProfilesPage } from "../components/ProfilesPage.tsx";
import { VmDetailsPage } from "../components/VmDetailsPage.tsx";
import { parseStateFilter, VmListPage } from "../components/VmListPage.tsx";
import { loginResponse } from "./login_page.tsx";
import { templatesFor } from "../lib/redact.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./middleware/auth.ts";
import { AccessPage } from "../components/AccessPage.tsx";
import { AuditPage } from "../components/AuditPage.tsx";

const UPLOT_CSS = "/static/build/uPlot.min.css";
const WIZARD_CSS = "/static/wizard.css";
// The storage and network pages: forms from wizard.css, their own bits from storage.css.
const STORAGE_STYLES = [WIZARD_CSS, "/static/storage.css"];
const MONITORING_CSS = "/static/monitoring.css";
// Alerts, insights and settings: forms and lead lines from wizard.css.
const MONITORING_STYLES = [WIZARD_CSS, MONITORING_CSS];

export interface PageOptions {
  title: string;
  active?: NavItem;
  entry?: PageEntry;
  styles?: string[];
  wide?: boolean;
  status?: ContentfulStatusCode;
}

/**
 * A page in the Layout of `ctx`'s host; `current` overrides which host the switcher shows
 * (the merged view of all hosts).
 */
export function renderPage(
  ctx: AppContext,
  c: Context,
  body: VNode,
  { status = 200, current, ...layout }: PageOptions & { current?: { id: string; name: string } },
): Response {
  const html = renderToString(
    <Layout
      {...layout}
      demo={ctx.config.demo}
      degraded={ctx.storeDegraded}
      connection={ctx.kvm.connection()}
      activeAlerts={ctx.monitoring.alerts.activeCount()}
      identity={c.get("identity")}
      csrf={c.get("csrf")}
      hosts={{
        current: current ??
          { id: ctx.hostId, name: ctx.hosts.find(ctx.hostId)?.name ?? ctx.hostId },
        all: ctx.hosts.list(),
        path: c.req.path,
      }}
    >
      {body}
    </Layout>,
  );
  c.header("cache-control", "no-store");
  return c.html(`<!DOCTYPE html>${html}`, status);
}

/** Mount at "/": `app.route("/", pageRoutes(ctx))`. */
export function pageRoutes(ctx: AppContext): Hono {
  // Non-admins get templates without their secrets (null, marked as set). The islands only
  // show that a secret is set and never edit one (writes are admin-only), so the redacted view
  // is handed to them in the shape they take.
  const templatesOf = (c: Context) =>
    templatesFor(c.get("identity"), ctx.templates.list()) as VmTemplate[];
  const app = new Hono();

  const render = (c: Context, body: VNode, options: PageOptions) =>
    renderPage(ctx, c, body, options);

  // A page without its object (unknown id or name, libvirt down) becomes an error page with
  // the API's status and words; anything else is a bug and goes to the app's onError.
  const errorPage = (c: Context, err: unknown, active: NavItem) => {
    if (!(err instanceof AppError)) throw err;
    return render(c, <ErrorPage status={err.status} message={err.message} />, {
      title: err.status === 404 ? "Not found" : "Error",
      active,
      status: err.status as ContentfulStatusCode,
    });
  };

  const withVm = async (c: Context, page: (vm: Vm) => PageOptions & { body: VNode }) => {
    let vm: Vm;
    try {
      vm = await ctx.kvm.getVm(c.req.param("id")!);
    } catch (err) {
      return errorPage(c, err, "vms");
    }
    const { body, ...options } = page(vm);
    return render(c, body, options);
  };

  // Not settings().tickSeconds: that also counts the history's rows, for every page view.
  const tickSeconds = () => ctx.monitoring.collector.tickMs / 1000;

  app.get("/login", (c) => loginResponse(c, ctx.auth.settings, 200));

  app.get("/audit", (c) =>
    render(c, <AuditPage />, {
      title: "Audit log",
      active: "audit",
      entry: "audit",
      styles: [WIZARD_CSS, "/static/audit.css"],
    }));

  app.get("/access", (c) =>
    render(c, <AccessPage />, {
      title: "Access",
      active: "access",
      entry: "access",
      styles: [WIZARD_CSS, "/static/access.css"],
    }));

  app.get("/", async (c) => {
    const [host, vms] = await Promise.allSettled([ctx.kvm.hostInfo(), ctx.kvm.listVms()]);
    const value = <T,>(r: PromiseSettledResult<T>) => r.status === "fulfilled" ? r.value : null;
    const failed = [host, vms].find((r) => r.status === "rejected") as
      | PromiseRejectedResult
      | undefined;
    if (failed && !(failed.reason instanceof AppError)) throw failed.reason;
    const body = (
      <DashboardPage
        host={value<HostInfo>(host)}
        vms={value<VmSummary[]>(vms)}
        connection={ctx.kvm.connection()}
        error={failed ? failed.reason.message : null}
        tickSeconds={tickSeconds()}
      />
    );
    return render(c, body, {
      title: "Dashboard",
      active: "dashboard",
      entry: "dashboard",
      styles: [UPLOT_CSS, MONITORING_CSS],
    });
  });

  app.get("/vms", async (c) => {
    let vms: VmSummary[] = [];
    let error: string | null = null;
    try {
      vms = await ctx.kvm.listVms();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.message;
    }
    const query = c.req.query("q") ?? "";
    const state = parseStateFilter(c.req.query("state"));
    return render(c, <VmListPage vms={vms} query={query} state={state} error={error} />, {
      title: "Virtual machines",
      active: "vms",
      entry: "list",
      // The "New VM" button's style.
      styles: [WIZARD_CSS],
    });
  });

  // Before /vms/:id, which would take "new" for an id.
  app.get("/vms/new", async (c) => {
    let options: CreateOptions;
    try {
      options = await ctx.kvm.createOptions();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return render(c, <ErrorPage status={err.status} message={err.message} />, {
        title: "Error",
        active: "vms",
        status: err.status as ContentfulStatusCode,
      });
    }
    const templates = templatesOf(c);
    const wanted = c.req.query("template") ?? "";
    const found = templates.some((t) => t.id === wanted);
    // The API's words for an unknown id; the wizard still opens, without a template.
    const notice = wanted && !found ? `Template not found: ${wanted}` : null;
    const body = (
      <CreateVmPage
        options={options}
        templates={templates}
        templateId={found ? wanted : ""}
        notice={notice}
      />
    );
    return render(c, body, {
      title: "New virtual machine",
      active: "vms",
      entry: "create",
      styles: [WIZARD_CSS],
    });
  });

  app.get("/templates", async (c) => {
    let networks: string[] = [];
    let error: string | null = null;
    try {
      networks = (await ctx.kvm.createOptions()).networks.map((n) => n.name);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.message;
    }
    const body = (
      <TemplatesPage
        templates={templatesOf(c)}
        networks={networks}
        error={error}
      />
    );
    return render(c, body, {
      title: "Templates",
      active: "templates",
      entry: "templates",
      styles: [WIZARD_CSS],
    });
  });

  // Profiles live in the app store, not libvirt: listed even while libvirt is away.
  app.get("/profiles", (c) =>
    render(c, <ProfilesPage profiles={ctx.profiles.list()} />, {
      title: "Profiles",
      active: "profiles",
      entry: "profiles",
      styles: [WIZARD_CSS],
    }));

  // The list pages still render without libvirt: the island shows the error and retries.
  const listOrError = async <T,>(read: () => Promise<T>) => {
    try {
      return { value: await read(), error: null };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { value: null, error: err.message };
    }
  };

  app.get("/storage", async (c) => {
    const { value, error } = await listOrError(() => ctx.pools.list());
    return render(c, <StoragePage pools={value} error={error} />, {
      title: "Storage",
      active: "storage",
      entry: "storage",
      styles: STORAGE_STYLES,
    });
  });

  app.get("/storage/:pool", async (c) => {
    const name = c.req.param("pool");
    let pool: PoolInfo;
    try {
      pool = await ctx.pools.get(name);
    } catch (err) {
      return errorPage(c, err, "storage");
    }
    // An inactive pool has no volume list; the page says so.
    const { value: volumes, error } = pool.active
      ? await listOrError(() => ctx.volumes.list(name))
      : { value: null, error: null };
    return render(c, <PoolPage name={name} pool={pool} volumes={volumes} error={error} />, {
      title: `${name} · Storage`,
      active: "storage",
      entry: "storage",
      styles: STORAGE_STYLES,
    });
  });

  app.get("/networks", async (c) => {
    const { value, error } = await listOrError(() => ctx.networks.list());
    return render(c, <NetworksPage networks={value} error={error} />, {
      title: "Networks",
      active: "networks",
      entry: "networks",
      styles: STORAGE_STYLES,
    });
  });

  app.get("/networks/:net", async (c) => {
    const name = c.req.param("net");
    let network: NetworkInfo;
    try {
      network = await ctx.networks.get(name);
    } catch (err) {
      return errorPage(c, err, "networks");
    }
    return render(c, <NetworkPage name={name} network={network} error={null} />, {
      title: `${name} · Networks`,
      active: "networks",
      entry: "networks",
      styles: STORAGE_STYLES,
    });
  });

  app.get("/vms/:id", (c) =>
    withVm(c, (vm) => ({
      body: <VmDetailsPage vm={vm} tickSeconds={tickSeconds()} />,
      title: vm.name,
      active: "vms",
      entry: "details",
      styles: [UPLOT_CSS, MONITORING_CSS],
    })));

  app.get("/vms/:id/console", (c) =>
    withVm(c, (vm) => ({
      body: <ConsolePage vm={vm} />,
      title: `${vm.name} console`,
      active: "vms",
      entry: "console",
      wide: true,
    })));

  app.get("/vms/:id/serial", (c) =>
    withVm(c, (vm) => ({
      body: <SerialPage vm={vm} />,
      title: `${vm.name} serial console`,
      active: "vms",
      entry: "serial",
      styles: ["/static/build/xterm.css", "/static/serial.css"],
      wide: true,
    })));

  app.get("/alerts", (c) =>
    render(c, <AlertsPage />, {
      title: "Alerts",
      active: "alerts",
      entry: "alerts",
      styles: MONITORING_STYLES,
    }));

  app.get("/insights", async (c) => {
    // An unknown range falls back to the default, as a page should rather than answer 400.
    const asked = c.req.query("range") as InsightRange;
    const range = INSIGHT_RANGES.includes(asked) ? asked : "24h";
    const report = await ctx.monitoring.insights(range);
    return render(c, <InsightsPage range={range} report={report} />, {
      title: "Insights",
      active: "insights",
      entry: "insights",
      styles: MONITORING_STYLES,
    });
  });

  app.get("/settings", (c) =>
    render(c, <SettingsPage settings={ctx.monitoring.settings()} />, {
      title: "Settings",
      active: "settings",
      entry: "settings",
      styles: MONITORING_STYLES,
    }));

  app.get(
    "/schedules",
    (c) =>
      render(c, <SchedulesPage />, {
        title: "Schedules",
        active: "schedules",
        entry: "schedules",
        styles: [WIZARD_CSS],
      }),
  );

  app.get(
    "/backups",
    (c) =>
      render(c, <BackupsPage />, {
        title: "Backups",
        active: "backups",
        entry: "backups",
        styles: [WIZARD_CSS],
      }),
  );

  return app;
}
