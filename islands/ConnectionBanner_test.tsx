import { renderToString } from "preact-render-to-string";
import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import type { ConnectionStatus } from "../shared/host.ts";
import { LIBVIRT_BANNER_ID, LibvirtBanner, watchLibvirtBanner } from "./ConnectionBanner.tsx";
import { subscribeEvents } from "../components/client/events.ts";

const UP: ConnectionStatus = { connected: true, uri: "qemu:///system", error: null, demo: false };
const DOWN: ConnectionStatus = { ...UP, connected: false, error: "libvirtd closed the connection" };

/** Stands in for the browser's EventSource: the test delivers server events by hand. */
class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  send(status: ConnectionStatus) {
    const data = JSON.stringify({ type: "connection-status-changed", status });
    this.dispatchEvent(new MessageEvent("connection-status-changed", { data }));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

Deno.test("connection banner - rendered hidden while connected, with words while not", () => {
  const up = renderToString(<LibvirtBanner connection={UP} />);
  assertMatch(up, /<div class="banner banner-error" role="alert" id="libvirt-banner" hidden>/);
  assert(!up.includes("Not connected"), up);
  const down = renderToString(<LibvirtBanner connection={DOWN} />);
  assertMatch(down, /class="banner banner-error" role="alert"/);
  assert(!down.includes("hidden"), down);
  assertMatch(
    down,
    /Not connected to libvirt \(qemu:\/\/\/system\): libvirtd closed the connection\. Reconnecting…/,
  );
});

Deno.test("connection banner - shows and hides live; the page's islands re-read on return", () => {
  const globals = globalThis as Record<string, unknown>;
  const saved = globals.EventSource;
  globals.EventSource = FakeEventSource;
  const banner = { hidden: true, textContent: "" };
  const doc = { getElementById: (id: string) => id === LIBVIRT_BANNER_ID ? banner : null };
  let rereads = 0;
  const stopIsland = subscribeEvents(() => {}, () => rereads++);
  try {
    watchLibvirtBanner(doc as unknown as Document);
    const es = FakeEventSource.last!;
    assertEquals(es.url, "/api/events");

    es.send(UP); // the stream's first event: where things stand
    assertEquals(banner.hidden, true);
    es.send(DOWN);
    assertEquals(banner.hidden, false);
    assertMatch(banner.textContent, /Not connected to libvirt .*: libvirtd closed the connection/);
    assertEquals(rereads, 0);
    es.send(UP);
    assertEquals(banner.hidden, true);
    assertEquals(rereads, 1, "the island re-reads once libvirt is back");
    assertEquals(FakeEventSource.last, es, "one stream for the banner and the island");
  } finally {
    stopIsland();
    globals.EventSource = saved;
  }
});
