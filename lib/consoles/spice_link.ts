// The first bytes of a SPICE channel, as far as the console proxy reads them: the client's link
// message (which channel of which session it opens) and the server's link reply. Everything after
// the link passes through unread. Layout: spice-protocol's spice/protocol.h (SpiceLinkHeader,
// SpiceLinkMess, SpiceLinkReply), all little-endian; https://www.spice-space.org/spice-protocol.html

/** "REDQ" read as a little-endian u32. */
export const SPICE_MAGIC = 0x51444552;
export const SPICE_VERSION_MAJOR = 2;
export const SPICE_VERSION_MINOR = 2;
/** SpiceLinkHeader: magic, major, minor, size of what follows. */
export const LINK_HEADER_BYTES = 16;
/** SpiceLinkReply's RSA public key (SPICE_TICKET_PUBKEY_BYTES: 1024 / 8 + 34). */
export const PUBKEY_BYTES = 162;

/** SpiceChannelType values the proxy tells apart. */
export const CHANNEL = { MAIN: 1, DISPLAY: 2, INPUTS: 3, CURSOR: 4 } as const;

/** SpiceLinkErr values the console names. */
export const LINK_ERR = { OK: 0, NEED_SECURED: 5 } as const;

// SpiceCommonCap bits a client announces: auth selection and mini headers (as spice-html5 does).
const COMMON_CAPS = (1 << 0) | (1 << 3);

/** What a client's link message asks for. */
export interface LinkMess {
  major: number;
  minor: number;
  /** 0 opens a new session (the main channel); other channels name the session they join. */
  connectionId: number;
  channelType: number;
  channelId: number;
}

/** A client's link message (SpiceLinkHeader + SpiceLinkMess), e.g. for a probe of the main channel. */
export function linkMessage(
  { connectionId = 0, channelType = CHANNEL.MAIN, channelId = 0 }: Partial<LinkMess> = {},
): Uint8Array<ArrayBuffer> {
  const caps = [COMMON_CAPS];
  const size = 18 + 4 * caps.length;
  const bytes = new Uint8Array(LINK_HEADER_BYTES + size);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, SPICE_MAGIC, true);
  v.setUint32(4, SPICE_VERSION_MAJOR, true);
  v.setUint32(8, SPICE_VERSION_MINOR, true);
  v.setUint32(12, size, true);
  v.setUint32(16, connectionId, true);
  v.setUint8(20, channelType);
  v.setUint8(21, channelId);
  v.setUint32(22, caps.length, true); // common caps
  v.setUint32(26, 0, true); // channel caps
  v.setUint32(30, 18, true); // caps offset, from the start of SpiceLinkMess
  caps.forEach((cap, i) => v.setUint32(34 + 4 * i, cap, true));
  return bytes;
}

/**
 * The link message at the start of `bytes` (a client's first WebSocket message), or null when
 * they do not start with one: another magic, or too short to name a channel.
 */
export function parseLinkMess(bytes: Uint8Array): LinkMess | null {
  if (bytes.byteLength < LINK_HEADER_BYTES + 6) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, true) !== SPICE_MAGIC) return null;
  return {
    major: v.getUint32(4, true),
    minor: v.getUint32(8, true),
    connectionId: v.getUint32(16, true),
    channelType: v.getUint8(20),
    channelId: v.getUint8(21),
  };
}

/** The start of a server's link reply: its header and SpiceLinkReply's error. */
export interface LinkReply {
  magicOk: boolean;
  major: number;
  size: number;
  error: number;
}

/** Bytes needed to read a LinkReply: the header and the error field. */
export const LINK_REPLY_HEAD_BYTES = LINK_HEADER_BYTES + 4;

/** Reads the first LINK_REPLY_HEAD_BYTES of a server's answer to a link message. */
export function parseLinkReply(bytes: Uint8Array): LinkReply {
  if (bytes.byteLength < LINK_REPLY_HEAD_BYTES) throw new RangeError("short SPICE link reply");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    magicOk: v.getUint32(0, true) === SPICE_MAGIC,
    major: v.getUint32(4, true),
    size: v.getUint32(12, true),
    error: v.getUint32(16, true),
  };
}
