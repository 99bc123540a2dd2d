import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { ImportXmlSection } from "./_import_xml.tsx";

Deno.test("import section - a collapsed card around the ImportXml island", () => {
  const html = renderToString(<ImportXmlSection />);
  assertMatch(
    html,
    /<details class="collapsible"><summary><h2 id="import-title">Import VM from XML/,
  );
  assertMatch(html, /data-island="ImportXml" data-props="{}"/);
  assertMatch(html, /<textarea class="xml-text" aria-label="Domain XML to import"/);
  // Nothing to import yet, and not hydrated: the button waits.
  assertMatch(html, /<button disabled type="submit" class="button button-primary">/);
});
