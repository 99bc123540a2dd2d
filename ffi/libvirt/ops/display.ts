// Worker operations on a domain's screen and keyboard: plain data in and out. A screenshot
// asks QEMU to write the screen and reads it over a stream of its own, freed before returning.

import type { Connection } from "../connection.ts";
import { type Screenshot, screenshot, sendKey } from "../display.ts";
import { findDomain } from "../find_domain.ts";

export const displayOps = {
  /** The screen `screen` of a running domain as the hypervisor sends it (at most `maxBytes`). */
  domainScreenshot(conn: Connection, id: string, screen: number, maxBytes: number): Screenshot {
    using dom = findDomain(conn, id);
    using stream = conn.newStream();
    return screenshot(dom, stream, screen, maxBytes);
  },

  /** Presses the Linux key codes `keycodes` together on the domain's keyboard for `holdMs`. */
  domainSendKey(conn: Connection, id: string, keycodes: number[], holdMs: number): void {
    using dom = findDomain(conn, id);
    sendKey(dom, keycodes, holdMs);
  },
};
