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

/** The host part of a remote libvirt URI; null for this machine's connections. */
export function remoteHostOf(uri: string): string | null {
  try {
    const host = new URL(uri).hostname;
    return host ? host.replace(/^\[|\]$/g, "") : null;
  } catch {
    return null;
  }
}

export async function vncTarget(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<{ hostname: string; port: number }> {
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
  if (!vnc.port) throw new AppError("NO_VNC", t("VNC has no port yet for this VM"));
  return { hostname: connectableHost(vnc.listen, remoteHostOf(client.uri)), port: vnc.port };
}
