import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import {
  CHANNEL,
  LINK_REPLY_HEAD_BYTES,
  linkMessage,
  parseLinkMess,
  parseLinkReply,
} from "./spice_link.ts";

Deno.test("spice link - a link message reads back as what it asks for", () => {
  const bytes = linkMessage({ connectionId: 0x12345678, channelType: CHANNEL.INPUTS });
  assertEquals(new TextDecoder().decode(bytes.subarray(0, 4)), "REDQ");
  const v = new DataView(bytes.buffer);
  assertEquals(v.getUint32(12, true), bytes.byteLength - 16, "size after the header");
  assertEquals(parseLinkMess(bytes), {
    major: 2,
    minor: 2,
    connectionId: 0x12345678,
    channelType: CHANNEL.INPUTS,
    channelId: 0,
  });
  // The default: a new session's main channel.
  assertEquals(parseLinkMess(linkMessage())?.channelType, CHANNEL.MAIN);
  assertEquals(parseLinkMess(linkMessage())?.connectionId, 0);
});

Deno.test("spice link - anything but a link message is no link", () => {
  assertEquals(parseLinkMess(new TextEncoder().encode("RFB 003.008\n and more bytes")), null);
  assertEquals(parseLinkMess(linkMessage().subarray(0, 20)), null, "too short to name a channel");
  assertEquals(parseLinkMess(new Uint8Array(0)), null);
  // A view into a larger buffer reads from its own start.
  const padded = new Uint8Array(100);
  padded.set(linkMessage({ connectionId: 9, channelType: CHANNEL.CURSOR }), 10);
  assertEquals(parseLinkMess(padded.subarray(10))?.channelType, CHANNEL.CURSOR);
});

Deno.test("spice link - a reply's header and error", () => {
  const reply = new Uint8Array(LINK_REPLY_HEAD_BYTES);
  const v = new DataView(reply.buffer);
  reply.set(new TextEncoder().encode("REDQ"));
  v.setUint32(4, 2, true);
  v.setUint32(12, 178, true);
  v.setUint32(16, 5, true);
  assertEquals(parseLinkReply(reply), { magicOk: true, major: 2, size: 178, error: 5 });
  assert(!parseLinkReply(new Uint8Array(LINK_REPLY_HEAD_BYTES)).magicOk);
  assertThrows(() => parseLinkReply(reply.subarray(0, 19)), RangeError);
});
