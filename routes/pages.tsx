// Server-rendered HTML pages; islands hydrate parts of them in the browser.

import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import type { HostInfo, Vm, VmSummary } from "../lib/types.ts";
import { ConsolePage } from "../components/ConsolePage.tsx";
import { DashboardPage } from "../components/DashboardPage.tsx";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { Layout, type PageEntry } from "../components/Layout.tsx";
import { VmDetailsPage } from "../components/VmDetailsPage.tsx";
import { parseStateFilter, VmListPage } from "../components/VmListPage.tsx";

const UPLOT_CSS = "/static/build/uPlot.min.css";

interface PageOptions {
  title: string;
  active?: "dashboard" | "vms";
  entry?: PageEntry;
  styles?: string[];
  wide?: boolean;
  status?: ContentfulStatusCode;
}

/** Mount at "/": `app.route("/", pageRoutes(ctx))`. */
export function pageRoutes(ctx: AppContext): Hono {
  const app = new Hono();

  const render = (c: Context, body: VNode, { status = 200, ...layout }: PageOptions) => {
    const html = renderToString(
      <Layout {...layout} demo={ctx.config.demo} connection={ctx.kvm.connection()}>
        {body}
      </Layout>,
    );
    c.header("cache-control", "no-store");
    return c.html(`<!DOCTYPE html>${html}`, status);
  };

  // A VM page without its VM (unknown id, libvirt down) becomes an error page with the
  // API's status and words; anything else is a bug and goes to the app's onError.
  const withVm = async (c: Context, page: (vm: Vm) => PageOptions & { body: VNode }) => {
    let vm: Vm;
    try {
      vm = await ctx.kvm.getVm(c.req.param("id")!);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const status = err.status as ContentfulStatusCode;
      const title = err.status === 404 ? "Not found" : "Error";
      return render(c, <ErrorPage status={err.status} message={err.message} />, {
        title,
        active: "vms",
        status,
      });
    }
    const { body, ...options } = page(vm);
    return render(c, body, options);
  };

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
      />
    );
    return render(c, body, { title: "Dashboard", active: "dashboard" });
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
    });
  });

  app.get("/vms/:id", (c) =>
    withVm(c, (vm) => ({
      body: <VmDetailsPage vm={vm} />,
      title: vm.name,
      active: "vms",
      entry: "details",
      styles: [UPLOT_CSS],
    })));

  app.get("/vms/:id/console", (c) =>
    withVm(c, (vm) => ({
      body: <ConsolePage vm={vm} />,
      title: `${vm.name} console`,
      active: "vms",
      entry: "console",
      wide: true,
    })));

  return app;
}
