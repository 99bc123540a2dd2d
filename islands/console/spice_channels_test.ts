// Against the real spice-html5: a channel other than the main one reports its error to the main
// channel's handler once reportChannelErrorsToMain ran; before, the library threw it.

import { SpiceMainConn } from "@spice-project/spice-html5";
import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { reportChannelErrorsToMain, type SpiceMainConnClass } from "./spice_channels.ts";

interface Channel {
  parent?: Channel;
  onerror?: (e: Error | Event) => void;
  report_error(e: Error | Event): void;
  log_err(message: string): void;
}

Deno.test("spice channels - a display or inputs channel's error reaches the console's handler, not the page", () => {
  const channelProto = Object.getPrototypeOf(SpiceMainConn.prototype) as Channel;
  const quiet = (c: Channel) => (c.log_err = () => {}, c);
  const seen: string[] = [];
  // What spice-html5 builds: a main channel with our onerror, and channels whose parent it is.
  const main = quiet(Object.create(SpiceMainConn.prototype) as Channel);
  main.onerror = (e) => seen.push(e instanceof Error ? e.message : e.type);
  const display = quiet(Object.create(channelProto) as Channel);
  display.parent = main;

  assertThrows(() => display.report_error(new Error("Permission denied.")), Error);
  assertEquals(seen, [], "the library alone throws it past the handler");

  reportChannelErrorsToMain(SpiceMainConn as unknown as SpiceMainConnClass);
  reportChannelErrorsToMain(SpiceMainConn as unknown as SpiceMainConnClass); // once is enough
  display.report_error(new Error("Permission denied."));
  display.report_error(new Event("error"));
  main.report_error(new Error("Unexpected close while ready"));
  assertEquals(seen, ["Permission denied.", "error", "Unexpected close while ready"]);
});
