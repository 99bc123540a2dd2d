/// <reference lib="deno.unstable" />
// The translation lint rules (i18n_plugin.ts): what they catch and what they let through, and
// the whole UI checked with them, so an English word written past t() fails the tests.

import { assertEquals } from "../../tests/support/assert.ts";
import plugin, { isUiFile } from "./i18n_plugin.ts";

const lint = (source: string, file = "/repo/islands/Probe.tsx") =>
  Deno.lint.runPlugin(plugin, file, source).map((d) => `${d.id}: ${d.message.split(": ")[1]}`);

Deno.test("i18n lint - English text, text attributes, shown strings and sentences are caught", () => {
  const found = lint(`
    import { t } from "../shared/i18n/t.ts";
    export function A({ n, busy }: { n: number; busy: boolean }) {
      return (
        <div title="Hello there" class="btn primary" id="x">
          Shut down
          {busy ? "Saving…" : t("Save")}
          <input placeholder="Name" aria-label={\`Disk \${n}\`} type="text" />
        </div>
      );
    }
    const TABS = { label: "Summary", id: "summary" };
    const why = "The disk is in use";
    const cls = "row selected";
  `);
  assertEquals(found, [
    'translate/untranslated-text: "Hello there"',
    'translate/untranslated-text: "Shut down"',
    'translate/untranslated-text: "Saving…"',
    'translate/untranslated-text: "Name"',
    'translate/untranslated-text: "Disk 0"',
    'translate/untranslated-text: "Summary"',
    'translate/untranslated-text: "The disk is in use"',
  ]);
});

Deno.test("i18n lint - t()'s context and data-* attributes are no text", () => {
  assertEquals(
    lint(`
      import { t } from "../shared/i18n/t.ts";
      export const A = () => <p data-summary="name">{t("Start", { context: "range" })}</p>;
    `),
    [],
  );
});

Deno.test("i18n lint - t() when a module loads is caught; inside a function it is fine", () => {
  const found = lint(`
    import { t, tKey } from "../shared/i18n/t.ts";
    const EARLY = t("Start");
    const LATER = tKey("Start");
    export const label = () => t(LATER);
  `);
  assertEquals(found.map((f) => f.split(":")[0]), ["translate/t-at-load"]);
});

Deno.test("i18n lint - tests, entries and server code are not UI", () => {
  assertEquals(
    [
      "/r/islands/VmList.tsx",
      "/r/components/kit/Button.tsx",
      "/r/routes/pages/vms.tsx",
      "/r/routes/pages/_vm.tsx",
      "/r/islands/VmList_test.tsx",
      "/r/islands/entries/shell.ts",
      "/r/routes/pages.tsx",
      "/r/lib/vms/service.ts",
    ].map(isUiFile),
    [true, true, true, true, false, false, false, false],
  );
});

const ROOT = new URL("../../", import.meta.url).pathname;

async function* uiFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* uiFiles(path);
    else if (/\.tsx?$/.test(entry.name) && isUiFile(path)) yield path;
  }
}

Deno.test("i18n lint - no UI file writes English past t()", async () => {
  const found: string[] = [];
  const files = [];
  for (const dir of ["islands", "components", "routes"]) {
    for await (const path of uiFiles(`${ROOT}${dir}`)) files.push(path);
  }
  for (const path of files) {
    const source = await Deno.readTextFile(path);
    for (const d of Deno.lint.runPlugin(plugin, path, source)) {
      // `deno lint` honours ignore comments; runPlugin does not, so they are honoured here.
      const line = source.slice(0, d.range[0]).split("\n").length;
      const before = source.split("\n")[line - 2] ?? "";
      if (before.includes(`deno-lint-ignore ${d.id}`)) continue;
      found.push(`${path.slice(ROOT.length)}:${line} ${d.message}`);
    }
  }
  assertEquals(found.slice(0, 50), [], `${found.length} untranslated strings`);
});
