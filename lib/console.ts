// Finds where a VM's own VNC server listens, from its live XML — never from the request.

import type { LibvirtClient } from "../ffi/client.ts";
import { checkVmId, vmState } from "./domains.ts";
import { AppError, conflict, fromLibvirt } from "./errors.ts";
import { parseDomainXml } from "./xml/domain_parse.ts";

/** A wildcard listen address means "every interface": connect through loopback. */
function connectableHost(listen: string | null): string {
  if (!listen || listen === "0.0.0.0") return "127.0.0.1";
  if (listen === "::" || listen === "[::]") return "::1";
  return listen;
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
    throw fromLibvirt(err, { id, failed: "Failed to read VM" });
  }
  if (vmState(state) !== "running" && vmState(state) !== "paused") {
    throw conflict("VM is not running");
  }
  const vnc = parseDomainXml(xml).graphics.find((g) => g.type === "vnc");
  if (!vnc) throw new AppError(409, "NO_VNC", "VNC not configured for this VM");
  if (!vnc.port) throw new AppError(409, "NO_VNC", "VNC has no port yet for this VM");
  return { hostname: connectableHost(vnc.listen), port: vnc.port };
}
