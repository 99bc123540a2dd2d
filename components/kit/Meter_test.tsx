import { renderToString } from "preact-render-to-string";
import { assert, assertMatch } from "../../tests/support/assert.ts";
import { Meter, PercentMeter } from "./Meter.tsx";

Deno.test("meter - thresholds make a full bar red, not green (lower is better)", () => {
  const html = renderToString(<Meter value={100} label="Memory used" />);
  assertMatch(html, /low="80" high="90" optimum="0" value="100" aria-label="Memory used"/);
  assertMatch(renderToString(<Meter value={3} max={4} label="x" />), /low="3\.2" high="3\.6"/);
});

Deno.test("meter - a percentage shows its figure beside the bar", () => {
  const html = renderToString(<PercentMeter percent={42} label="Pool used" />);
  assertMatch(html, /<span class="usage"><meter class="usage-meter"[^>]*>42%<\/meter>/);
  assertMatch(html, /<span class="usage-pct">42%<\/span>/);
});

Deno.test("meter - a neutral meter has no thresholds (grey at any value) and says why", () => {
  const html = renderToString(
    <PercentMeter percent={98} label="Memory assigned to web" neutral note="no guest statistics" />,
  );
  assertMatch(html, /<meter class="usage-meter meter-neutral" min="0" max="100" value="98"/);
  assert(!/low=|high=|optimum=/.test(html), "no thresholds: nothing turns it red");
  assertMatch(html, /<span class="usage-note">no guest statistics<\/span>/);
});
