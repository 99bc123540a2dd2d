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

/** SPICE's ticket: RSA-OAEP under a 1024-bit key, so always 128 bytes (SPICE_TICKET_KEY_PAIR_LENGTH). */
const TICKET_BYTES = 1024 / 8;

/**
 * The ticket as the server reads it: the RSA ciphertext as a 128-byte big-endian number.
 * spice-html5 (ticket.js `rsa_encrypt`) writes the number's hex digits without the leading zero
 * bytes, and its link message then fills the 128 bytes from the left; so one ciphertext in 256
 * (its first byte zero) reaches the server shifted, fails to decrypt, and the server answers
 * PERMISSION_DENIED: a channel refused at random, with or without a password on the display.
 */
export function ticketAtKeyLength(ticket: number[] | null): number[] | null {
  if (ticket === null || ticket.length >= TICKET_BYTES) return ticket;
  return [...new Array<number>(TICKET_BYTES - ticket.length).fill(0), ...ticket];
}

const PADDED = Symbol("kvmm.ticketAtKeyLength");

interface TicketSender {
  send_ticket(ticket: number[] | null): void;
}

/** Every channel sends its ticket at key length (see ticketAtKeyLength); set once, like above. */
export function sendTicketsAtKeyLength(SpiceMainConn: SpiceMainConnClass) {
  const channel = Object.getPrototypeOf(SpiceMainConn.prototype) as TicketSender & {
    [PADDED]?: true;
  };
  if (channel[PADDED]) return;
  const send = channel.send_ticket;
  channel.send_ticket = function (this: TicketSender, ticket) {
    send.call(this, ticketAtKeyLength(ticket));
  };
  channel[PADDED] = true;
}
