// What islands/SpiceConsole.tsx needs of spice-html5 (the package ships no types), and its
// channels' errors brought to the console's one handler.

/** The part of spice-html5's SpiceMainConn we use (the package ships no types). */
export interface SpiceConnection {
  stop(): void;
}
export type SpiceMainConnClass = new (options: {
  uri: string;
  /** The element spice-html5 draws its canvas into, by id. */
  screen_id: string;
  password: string;
  /** An Error in spice-html5's words, or a WebSocket's error Event. */
  onerror(e: Error | Event): void;
  onsuccess(message: string): void;
}) => SpiceConnection;

/** What every spice-html5 channel is: the main one, and those it opens (display, inputs …). */
interface SpiceChannel {
  parent?: { report_error(e: Error | Event): void };
  onerror?: (e: Error | Event) => void;
}

/**
 * spice-html5 gives only the main channel an `onerror`; an error on any other channel (its
 * socket cut while still opening, a ticket refused by a restarted display) is thrown instead,
 * uncaught, and the page keeps saying "Connected" over a blank or frozen screen. Every channel
 * without a handler of its own therefore reports to its main channel, whose handler is ours.
 * Set once on the prototype all channels share: the package offers no per-channel option.
 */
export function reportChannelErrorsToMain(SpiceMainConn: SpiceMainConnClass) {
  const channel = Object.getPrototypeOf(SpiceMainConn.prototype) as SpiceChannel;
  if (Object.hasOwn(channel, "onerror")) return;
  channel.onerror = function (this: SpiceChannel, e) {
    this.parent?.report_error(e);
  };
}
