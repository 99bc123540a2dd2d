import { renderToString } from "preact-render-to-string";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { DhcpLease } from "../../shared/networks.ts";
import { LeasesPanel } from "./LeasesPanel.tsx";

const OWNED: DhcpLease = {
  mac: "52:54:00:aa:bb:01",
  ip: "192.168.122.10",
  prefix: 24,
  hostname: "web",
  clientId: null,
  expiresAt: null,
  vm: { id: "6b5a6f1e-0000-4000-8000-000000000001", name: "web & db" },
};
const STRANGER: DhcpLease = { ...OWNED, mac: "52:54:00:aa:bb:02", ip: "192.168.122.11", vm: null };

const render = (
  leases: DhcpLease[] | null,
  extra: Partial<Parameters<typeof LeasesPanel>[0]> = {},
) =>
  renderToString(
    <LeasesPanel
      leases={leases}
      active
      error={null}
      unsupported={false}
      ready
      onRefresh={() => {}}
      {...extra}
    />,
  );

/** The text of each body row's first cell (the VM column). */
function vmCells(html: string): string[] {
  const body = html.slice(html.indexOf("<tbody"));
  return [...body.matchAll(/<tr[^>]*>\s*<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
}

Deno.test("leases panel - each lease names its VM with a link to it; a lease of no VM here says so", () => {
  const html = render([OWNED, STRANGER]);
  const cells = vmCells(html);
  assertEquals(cells.length, 2, html);
  assertEquals(
    cells[0],
    `<a href="/vms/6b5a6f1e-0000-4000-8000-000000000001">web &amp; db</a>`,
  );
  assertEquals(cells[1], "—");
  assert(html.includes("192.168.122.10/24"), html);
  assert(html.includes("Never"), "a lease that does not run out");
});

Deno.test("leases panel - inactive, unsupported and failed networks say so instead of a table", () => {
  assert(render(null, { active: false }).includes("The network is inactive: no leases."));
  const unsupported = render(null, { unsupported: true });
  assert(unsupported.includes("libvirt driver cannot list DHCP leases."), unsupported);
  assert(!unsupported.includes("<table"), unsupported);
  const failed = render(null, { error: "Network not found: lab" });
  assert(failed.includes("Network not found: lab"), failed);
  assert(!failed.includes("<table"), failed);
});
