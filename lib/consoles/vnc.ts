// Finds where a VM's own VNC server listens, from its live XML — never from the request — and
// how this server reaches it: directly, or over ssh for a remote host's own loopback. SPICE
// (lib/consoles/spice.ts) finds its listener the same way, in its own words.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { sshTunnelFor } from "../connection_uri/ssh_command.ts";
import { t } from "../../shared/i18n/t.ts";

const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);
const LOOPBACK = /^(127\.|::1$|\[::1\]$|localhost$)/;

/** How a display's listener is refused where this server cannot reach it, in its protocol's words. */
export interface UnreachableListener {
  /** It listens only on a remote host's loopback, and no ssh tunnel leads there. */
  loopback(listen: string): AppError;
  /** It listens on a UNIX socket of a remote host. */
  socket(path: string): AppError;
}

const VNC_REFUSALS: UnreachableListener = {
  loopback: (listen) =>
    new AppError(
      "NO_VNC",
      t(
        "This VM's VNC listens only on its host's loopback ({{listen}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
        { listen },
      ),
    ),
  socket: (path) =>
    new AppError(
      "NO_VNC",
      t(
        "This VM's VNC listens on a UNIX socket of its host ({{path}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
        { path },
      ),
    ),
};

/**
 * Where to connect for a display listening on `listen`. On this machine a wildcard means "every
 * interface": connect through loopback. On a remote host (`remoteHost`, from its URI) a
 * wildcard means that host's address, and its loopback is out of our direct reach: connecting
 * to our own loopback would reach some other display. A host reached over ssh gets there
 * through an ssh tunnel instead (`ssh -W`, the URI's account and keys); others are refused.
 */
export function connectable(
  listen: string | null,
  port: number,
  uri: string,
  refuse: UnreachableListener,
): DisplayTarget {
  const remoteHost = remoteHostOf(uri);
  if (remoteHost) {
    if (!listen || WILDCARD.has(listen)) return { hostname: remoteHost, port };
    if (LOOPBACK.test(listen)) {
      const address = listen === "localhost" ? "127.0.0.1" : listen.replace(/^\[|\]$/g, "");
      const ssh = sshTunnelFor(uri, address, port);
      if (ssh) return { ssh };
      throw refuse.loopback(listen);
    }
    return { hostname: listen, port };
  }
  if (!listen || listen === "0.0.0.0") return { hostname: "127.0.0.1", port };
  if (listen === "::" || listen === "[::]") return { hostname: "::1", port };
  return { hostname: listen, port };
}

/**
 * A display's UNIX socket path, when this machine can open it: the path is libvirt's own (from
 * the live XML, where QEMU listens while the VM runs), but a remote host's socket is on that host.
 */
export function socketOnThisMachine(
  path: string,
  remoteHost: string | null,
  refuse: UnreachableListener,
): string {
  if (remoteHost) throw refuse.socket(path);
  return path;
}

/** The host part of a remote libvirt URI; null for this machine's connections. */
export function remoteHostOf(uri: string): string | null {
  try {
    const host = new URL(uri).hostname;
    return host ? host.replace(/^\[|\]$/g, "") : null;
  } catch {
    return null;
  }
}

/**
 * Where a VM's display is reached: a TCP address, a UNIX socket on this machine, or the argv
 * of an ssh tunnel to it.
 */
export type DisplayTarget =
  | { hostname: string; port: number }
  | { path: string }
  | { ssh: string[] };

/** Where a VM's VNC is reached. */
export type VncTarget = DisplayTarget;

/** A running (or paused) VM's live XML: its displays' ports exist only while it runs. */
export async function liveXml(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<string> {
  checkVmId(id);
  let xml: string;
  let state: number;
  try {
    ({ state } = await client.call("domainState", id));
    xml = await client.call("domainXml", id, 0);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
  }
  if (vmState(state) !== "running" && vmState(state) !== "paused") {
    throw conflict(t("VM is not running"));
  }
  return xml;
}

export async function vncTarget(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<VncTarget> {
  const xml = await liveXml({ client, id });
  const vnc = parseDomainXml(xml).graphics.find((g) => g.type === "vnc");
  if (!vnc) throw new AppError("NO_VNC", t("VNC not configured for this VM"));
  if (vnc.socket) {
    return { path: socketOnThisMachine(vnc.socket, remoteHostOf(client.uri), VNC_REFUSALS) };
  }
  if (!vnc.port) throw new AppError("NO_VNC", t("VNC has no port yet for this VM"));
  return connectable(vnc.listen, vnc.port, client.uri, VNC_REFUSALS);
}
