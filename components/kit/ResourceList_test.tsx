import { renderToString } from "preact-render-to-string";
import { signal } from "@preact/signals";
import { assert, assertMatch } from "../../tests/support/assert.ts";
import { ResourceList, type ResourceRows } from "./ResourceList.tsx";

interface Pool {
  name: string;
}

const list = (rows: Pool[] | null, error: string | null = null): ResourceRows<Pool> => ({
  rows: signal(rows),
  reload: () => Promise.resolve(),
  loadError: signal(error),
  note: signal(null),
  hydrated: false,
});

const render = (l: ResourceRows<Pool>) =>
  renderToString(
    <ResourceList
      list={l}
      newLabel="New pool"
      count={(n) => `${n} pools`}
      newForm={() => <form />}
      label="Storage pools"
      class="pool-table"
      loading="Loading pools…"
      failed="Could not read the pools."
      empty="No storage pools."
      rowKey={(p) => p.name}
      rowAttrs={(p) => ({ "data-pool": p.name })}
      columns={[{ id: "name", header: "Name", cell: (p) => p.name }]}
    >
      <dialog />
    </ResourceList>,
  );

Deno.test("resource list - the server's rows, counted, with the New button waiting for hydration", () => {
  const html = render(list([{ name: "default" }, { name: "iso" }]));
  assertMatch(html, /<button[^>]*disabled[^>]*>New pool<\/button>/);
  assertMatch(html, /2 pools/);
  assertMatch(html, /<tr[^>]*data-pool="iso"/);
  assert(html.endsWith("<dialog></dialog></div>"), "the list's dialogs come last");
});

Deno.test("resource list - before the first read: loading; after a failed one: the failure's words", () => {
  assertMatch(render(list(null)), /Loading…[\s\S]*Loading pools…/);
  const failed = render(list(null, "libvirt is not reachable"));
  assertMatch(failed, /role="alert"[^>]*>libvirt is not reachable/);
  assertMatch(failed, /Could not read the pools\./);
});
