import { renderToString } from "preact-render-to-string";
import { assert, assertEquals, assertMatch } from "../../../tests/support/assert.ts";
import { type Column, DataTable, hiddenByWidth } from "./DataTable.tsx";

interface Row {
  id: string;
  name: string;
  size: number | null;
}

const COLUMNS: Column<Row>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name },
  { id: "size", header: "Size", cell: (r) => String(r.size), sortValue: (r) => r.size },
  { id: "note", header: "Note", cell: () => "-", hideOnSmall: true },
  { id: "actions", header: "Actions", headerHidden: true, cell: () => "x" },
];
const ROWS: Row[] = [
  { id: "1", name: "web", size: 3 },
  { id: "2", name: "app", size: 1 },
];
const names = (html: string) => [...html.matchAll(/<td>(web|app|vm-\d+)<\/td>/g)].map((m) => m[1]);

Deno.test("data table - sorted by the given sort, headers with aria-sort and sort buttons", () => {
  const html = renderToString(
    <DataTable
      label="Things"
      rows={ROWS}
      rowKey={(r) => r.id}
      columns={COLUMNS}
      sort={{ column: "size", dir: "asc" }}
      onSort={() => {}}
    />,
  );
  assertEquals(names(html), ["app", "web"]);
  assertMatch(html, /aria-label="Things"/);
  assertMatch(
    html,
    /<th scope="col" aria-sort="ascending" data-column="size"><button type="button" class="sort-button">Size/,
  );
  assertMatch(html, /aria-sort="none" data-column="name"/);
  assertMatch(html, /<th scope="col" class="hide-small" data-column="note">Note<\/th>/);
  assertMatch(html, /<span class="sr-only">Actions<\/span>/);
});

Deno.test("data table - header links for server pages, chosen columns, empty words", () => {
  const html = renderToString(
    <DataTable
      label="Things"
      rows={[]}
      rowKey={(r: Row) => r.id}
      columns={COLUMNS}
      hidden={new Set(["size"])}
      sortHref={(s) => `?sort=${s.column}&dir=${s.dir}`}
      empty="No things yet."
    />,
  );
  assertMatch(html, /<a class="sort-button" href="\?sort=name&amp;dir=asc">Name/);
  assert(!html.includes('data-column="size"'), "a hidden column is left out");
  assertMatch(html, /class="table data-table columns-chosen/);
  assertMatch(
    html,
    /<td colspan="3" class="muted empty"><span class="empty-text">No things yet.<\/span><\/td>/,
  );
});

Deno.test("data table - a selection column: row and header checkboxes with their names", () => {
  const html = renderToString(
    <DataTable
      label="Things"
      rows={ROWS}
      rowKey={(r) => r.id}
      columns={COLUMNS}
      selection={{
        selected: new Set(["1"]),
        onChange: () => {},
        rowLabel: (r) => `Select ${r.name}`,
        allLabel: "Select all shown things",
      }}
    />,
  );
  assertMatch(html, /aria-label="Select all shown things"/);
  assertMatch(html, /aria-label="Select web" checked/);
  assert(!/aria-label="Select app" checked/.test(html));
});

Deno.test("data table - thousands of rows: the first screenful and a spacer for the rest", () => {
  const many = Array.from(
    { length: 5000 },
    (_, i) => ({ id: String(i), name: `vm-${i}`, size: i }),
  );
  const html = renderToString(
    <DataTable
      label="Things"
      rows={many}
      rowKey={(r) => r.id}
      columns={COLUMNS}
      virtual={{ rowHeight: 40, initialRows: 30 }}
    />,
  );
  assertEquals(names(html).length, 30);
  assertMatch(html, /aria-rowcount="5001"/);
  assertEquals(
    html.match(/class="spacer" aria-hidden="true" data-height="(\d+)"/)?.[1],
    String(4970 * 40),
  );
});

Deno.test("data table - a column hidden up to a width has its class; the window picks the defaults", () => {
  const columns: Column<Row>[] = [
    ...COLUMNS,
    { id: "laptop", header: "Laptop", cell: () => "l", hideUpTo: 1280 },
    { id: "tablet", header: "Tablet", cell: () => "t", hideUpTo: 1024 },
  ];
  const html = renderToString(
    <DataTable label="Things" rows={ROWS} rowKey={(r) => r.id} columns={columns} />,
  );
  assertMatch(html, /<th scope="col" class="hide-1280" data-column="laptop">/);
  assertMatch(html, /<td class="hide-1024">t<\/td>/);

  const original = globalThis.matchMedia;
  const windowOf = (width: number) =>
    ((query: string) => ({
      matches: width <= Number(/max-width: (\d+)px/.exec(query)?.[1] ?? 0),
    })) as unknown as typeof globalThis.matchMedia;
  try {
    globalThis.matchMedia = windowOf(1920);
    assertEquals(hiddenByWidth(columns), []);
    globalThis.matchMedia = windowOf(1280);
    assertEquals(hiddenByWidth(columns), ["laptop"]);
    globalThis.matchMedia = windowOf(1024);
    assertEquals(hiddenByWidth(columns), ["laptop", "tablet"]);
    globalThis.matchMedia = windowOf(390);
    assertEquals(hiddenByWidth(columns), ["note", "laptop", "tablet"]);
  } finally {
    globalThis.matchMedia = original;
  }
});
