// Finds where a VM's own VNC server listens, from its live XML — never from the request.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { checkVmId, vmState } from "../vms/domains.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { t } from "../../shared/i18n/t.ts";

const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);
const LOOPBACK = /^(127\.|::1$|\[::1\]$|localhost$)/;

/**
 * Where to connect for a VNC listening on `listen`. On this machine a wildcard means "every
 * interface": connect through loopback. On a remote host (`remoteHost`, from its URI) a
 * wildcard means that host's address, and its loopback is out of our reach: connecting to our
 * own loopback would reach some other display.
 */
function connectableHost(listen: string | null, remoteHost: string | null): string {
  if (remoteHost) {
    if (!listen || WILDCARD.has(listen)) return remoteHost;
    if (LOOPBACK.test(listen)) {
      throw new AppError(
        "NO_VNC",
        t(
          "This VM's VNC listens only on its host's loopback ({{listen}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
          { listen },
        ),
      );
    }
    return listen;
  }
  if (!listen || listen === "0.0.0.0") return "127.0.0.1";
  if (listen === "::" || listen === "[::]") return "::1";
  return listen;
}

/**
 * A VNC UNIX socket's path, when this machine can open it: the path is libvirt's own (from the
 * live XML, where QEMU listens while the VM runs), but a remote host's socket is on that host.
 */
function socketOnThisMachine(path: string, remoteHost: string | null): string {
  if (remoteHost) {
    throw new AppError(
      "NO_VNC",
      t(
        "This VM's VNC listens on a UNIX socket of its host ({{path}}), which this server cannot reach: make it listen on an address of that host, or use the serial console",
        { path },
      ),
    );
  }
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

/** Where a VM's display is reached: a TCP address, or a UNIX socket on this machine. */
export type VncTarget = { hostname: string; port: number } | { path: string };

export async function vncTarget(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<VncTarget> {
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
  const vnc = parseDomainXml(xml).graphics.find((g) => g.type === "vnc");
  if (!vnc) throw new AppError("NO_VNC", t("VNC not configured for this VM"));
  if (vnc.socket) return { path: socketOnThisMachine(vnc.socket, remoteHostOf(client.uri)) };
  if (!vnc.port) throw new AppError("NO_VNC", t("VNC has no port yet for this VM"));
  return { hostname: connectableHost(vnc.listen, remoteHostOf(client.uri)), port: vnc.port };
}
