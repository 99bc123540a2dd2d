// Binds the services in lib/ to one libvirt client: the Kvm facade that routes/ uses.

import { LibvirtClient } from "../ffi/client.ts";
import type { Config } from "./config.ts";
import { EventHub } from "./events.ts";
import { domainAction, domainDelete, domainGet, domainList } from "./domains.ts";
import { connectionStatus, hostInfo } from "./host.ts";
import type { AppContext, Kvm } from "./context.ts";
import { StatsService } from "./stats.ts";
import { vncTarget } from "./console.ts";

export function createKvm(client: LibvirtClient, { demo }: { demo: boolean }): Kvm {
  const stats = new StatsService(client);
  return {
    listVms: () => domainList({ client }),
    getVm: (id) => domainGet({ client, id }),
    vmAction: (id, action) => domainAction({ client, id, action }),
    deleteVm: async (id, { deleteDisks }) => {
      const result = await domainDelete({ client, id, deleteDisks });
      stats.forget(result.uuid);
      return result;
    },
    vmStats: (id) => stats.get(id),
    vncTarget: (id) => vncTarget({ client, id }),
    hostInfo: () => hostInfo({ client }),
    connection: () => connectionStatus({ client, demo }),
  };
}

/** The libvirt client and the services over it for one configuration; not yet connected. */
export function createContext(config: Config): { ctx: AppContext; client: LibvirtClient } {
  const client = new LibvirtClient({ uri: config.uri });
  const kvm = createKvm(client, { demo: config.demo });
  const events = new EventHub(client, () => kvm.connection());
  return { ctx: { config, kvm, events }, client };
}
