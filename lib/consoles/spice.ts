// Finds where a VM's own SPICE server listens, from its live XML — never from the request — as
// VNC's does (lib/consoles/vnc.ts), and checks that it answers a SPICE link: what the console's
// status asks, since a SPICE server, unlike VNC, says nothing until the client has spoken.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import {
  connectable,
  type DisplayTarget,
  liveXml,
  remoteHostOf,
  socketOnThisMachine,
  type UnreachableListener,
} from "./vnc.ts";
import type { DisplayConn } from "./display_conn.ts";
import {
  LINK_ERR,
  LINK_REPLY_HEAD_BYTES,
  linkMessage,
  parseLinkReply,
  SPICE_VERSION_MAJOR,
} from "./spice_link.ts";
import { joinBytes } from "../../shared/bytes.ts";
import { t } from "../../shared/i18n/t.ts";

const SPICE_REFUSALS: UnreachableListener = {
  loopback: (listen) =>
    new AppError(
      "NO_SPICE",
      t(
        "This VM's SPICE listens only on its host's loopback ({{listen}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
        { listen },
      ),
    ),
  socket: (path) =>
    new AppError(
      "NO_SPICE",
      t(
        "This VM's SPICE listens on a UNIX socket of its host ({{path}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
        { path },
      ),
    ),
};

const tlsOnly = () =>
  new AppError(
    "NO_SPICE",
    t(
      "This VM's SPICE takes TLS only, which the browser console does not speak: let its main, display, inputs and cursor channels use the plain port",
    ),
  );

// The channels spice-html5 needs; each must be open on the plain (non-TLS) port.
const NEEDED_CHANNELS = ["main", "display", "inputs", "cursor"];

/** What the browser console needs of a VM's `<graphics type='spice'>` in its live XML. */
export interface SpiceListener {
  port: number | null;
  listen: string | null;
  socket: string | null;
  /** TLS only for a channel the console needs: no plain port, or `mode='secure'` on it. */
  tlsOnly: boolean;
}

/**
 * The first SPICE display of a domain's XML, or null without one
 * (https://libvirt.org/formatdomain.html#graphical-framebuffers).
 */
export function spiceListener(xml: string): SpiceListener | null {
  const spice = parseDomainXml(xml).graphics.find((g) => g.type === "spice");
  if (!spice) return null;
  const node: XmlNode = (parseXml(xml).domain?.devices?.graphics ?? [])
    .find((g: XmlNode) => g["@type"] === "spice") ?? {};
  const channels: XmlNode[] = [node.channel ?? []].flat();
  const modeOf = (name: string) =>
    channels.find((c) => c["@name"] === name)?.["@mode"] ?? node["@defaultMode"] ?? "any";
  const secureOnly = NEEDED_CHANNELS.some((name) => modeOf(name) === "secure");
  const noPlainPort = !spice.socket && !spice.port && Number(node["@tlsPort"]) > 0;
  return {
    port: spice.port,
    listen: spice.listen,
    socket: spice.socket,
    tlsOnly: secureOnly || noPlainPort,
  };
}

/** Where a running VM's SPICE server is reached: its plain port, or its UNIX socket. */
export async function spiceTarget(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<DisplayTarget> {
  const spice = spiceListener(await liveXml({ client, id }));
  if (!spice) throw new AppError("NO_SPICE", t("SPICE not configured for this VM"));
  if (spice.tlsOnly) throw tlsOnly();
  if (spice.socket) {
    return { path: socketOnThisMachine(spice.socket, remoteHostOf(client.uri), SPICE_REFUSALS) };
  }
  if (!spice.port) throw new AppError("NO_SPICE", t("SPICE has no port yet for this VM"));
  return connectable(spice.listen, spice.port, client.uri, SPICE_REFUSALS);
}

/** How long a SPICE server may take to answer a link message. */
const LINK_WAIT_MS = 10_000;

/**
 * Sends a main channel's link message over `conn` and reads the reply's header and error: proof
 * that a SPICE server answers there and would let a session in. Nothing more is sent — no ticket,
 * so no session starts and a client already connected is not displaced — and `conn` is closed.
 */
export async function spiceLinkCheck(conn: DisplayConn): Promise<void> {
  const reader = conn.readable.getReader();
  const writer = conn.writable.getWriter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await writer.write(linkMessage());
    const head = await Promise.race([
      readAtLeast(reader, LINK_REPLY_HEAD_BYTES),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              spiceUnreachable(
                t("no SPICE answer within {{seconds}} s", { seconds: LINK_WAIT_MS / 1000 }),
              ),
            ),
          LINK_WAIT_MS,
        );
      }),
    ]);
    const reply = parseLinkReply(head);
    if (!reply.magicOk || reply.major !== SPICE_VERSION_MAJOR) {
      throw spiceUnreachable(t("what answers there does not speak SPICE"));
    }
    if (reply.error === LINK_ERR.NEED_SECURED) throw tlsOnly();
    if (reply.error !== LINK_ERR.OK) {
      throw spiceUnreachable(
        t("the SPICE server refused the link (error {{error}})", { error: reply.error }),
      );
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
    writer.releaseLock();
    conn.close();
  }
}

function spiceUnreachable(error: string): AppError {
  return new AppError(
    "SPICE_UNREACHABLE",
    t("Cannot reach the VM's display: {{error}}", { error }),
  );
}

/** Reads until at least `n` bytes came; a stream that ends sooner fails in words. */
async function readAtLeast(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  n: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < n) {
    const { done, value } = await reader.read();
    if (done) throw spiceUnreachable(t("the display closed the connection"));
    parts.push(value);
    length += value.byteLength;
  }
  return joinBytes(parts);
}
