// Against the real spice-html5: a channel other than the main one reports its error to the main
// channel's handler once reportChannelErrorsToMain ran; before, the library threw it. And a
// ticket from its own RSA code reaches the server whole once sendTicketsAtKeyLength ran.

import { SpiceMainConn } from "@spice-project/spice-html5";
import { create_rsa_from_mb, rsa_encrypt } from "@spice-project/spice-html5/src/ticket.js";
import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import {
  reportChannelErrorsToMain,
  sendTicketsAtKeyLength,
  type SpiceMainConnClass,
  ticketAtKeyLength,
} from "./spice_channels.ts";

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

Deno.test("spice channels - a ticket whose ciphertext starts with a zero byte still decrypts at the server", async () => {
  // The server's side, as QEMU's SPICE server does it: a 1024-bit RSA key, OAEP with SHA-1.
  const { publicKey, privateKey } = await crypto.subtle.generateKey(
    {
      name: "RSA-OAEP",
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-1",
    },
    false,
    ["encrypt", "decrypt"],
  );
  const rsa = create_rsa_from_mb(await crypto.subtle.exportKey("spki", publicKey));
  const decrypts = (bytes: Uint8Array<ArrayBuffer>) =>
    crypto.subtle.decrypt({ name: "RSA-OAEP" }, privateKey, bytes).then(
      (plain) => new TextDecoder().decode(plain),
      () => null,
    );
  // spice-html5's own encryption until it gives a ciphertext with its zero first byte dropped
  // (one in 256; 4,000 tries miss it with odds below one in a billion).
  const password = "kvmm\0";
  let short: number[] | null = null;
  for (let i = 0; i < 4_000 && short === null; i++) {
    const ticket = rsa_encrypt(rsa, password) as number[];
    if (ticket.length < 128) short = ticket;
  }
  assert(short, "no short ciphertext in 4,000 tries");

  /** The 128 ticket bytes of the link message a channel sends for `ticket`. */
  const sent = (ticket: number[]) => {
    let message: ArrayBuffer | null = null;
    const channel = Object.create(SpiceMainConn.prototype) as {
      ws: { send(m: ArrayBuffer): void };
      send_ticket(t: number[]): void;
    };
    channel.ws = { send: (m) => message = m };
    channel.send_ticket(ticket);
    assert(message, "the channel sent its ticket");
    return new Uint8Array(message as ArrayBuffer).slice(4);
  };
  assertEquals(await decrypts(sent(short)), null, "the library alone sends it shifted");

  sendTicketsAtKeyLength(SpiceMainConn as unknown as SpiceMainConnClass);
  sendTicketsAtKeyLength(SpiceMainConn as unknown as SpiceMainConnClass); // once is enough
  assertEquals(await decrypts(sent(short)), password);
  let full = rsa_encrypt(rsa, password) as number[];
  while (full.length < 128) full = rsa_encrypt(rsa, password) as number[];
  assertEquals(ticketAtKeyLength(full), full, "a full-length ticket is sent as it is");
  assertEquals(await decrypts(sent(full)), password);
});
