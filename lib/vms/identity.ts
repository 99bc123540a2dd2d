// A VM's name and UUID from libvirt, with a missing VM said as the API says it (404, not a
// LibvirtError): what the cluster guard (lib/cluster/) asks before a VM is changed, and the
// lookups the profiles make before the VmService exists.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { domainGet, domainList } from "./domains.ts";

export async function vmIdentity(
  client: LibvirtClient,
  id: string,
): Promise<{ name: string; uuid: string }> {
  try {
    const { name, uuid } = await client.call("domainState", id);
    return { name, uuid };
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
  }
}

/**
 * The VM reads the profiles need, from the connection alone: they are made before the
 * VmService (which reads their policies), so they cannot ask it.
 */
export function vmLookups(client: LibvirtClient) {
  return {
    /** The VM's UUID and name for an id or name; AppError VM_NOT_FOUND when there is none. */
    find: async (id: string) => {
      const vm = await domainGet({ client, id });
      return { uuid: vm.id, name: vm.name };
    },
    /** The names of this host's VMs by UUID (one list call). */
    names: async () => new Map((await domainList({ client })).map((vm) => [vm.id, vm.name])),
  };
}
