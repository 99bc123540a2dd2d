// What the start and stop sequences do to one VM, over the VM service (its lock and guest
// agent shutdown) and the libvirt client.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { VmService } from "../vms/service.ts";
import { vmState } from "../vm_basics.ts";
import type { Planned, SequenceDeps } from "./sequence.ts";

export function sequenceDeps(
  { client, vms, plan }: {
    client: LibvirtClient;
    vms: VmService;
    /** The start sequence as the startup service plans it. */
    plan: () => Promise<Planned[]>;
  },
): SequenceDeps {
  return {
    plan,
    start: (uuid) => vms.vmAction(uuid, "start"),
    shutdown: (uuid) => vms.vmAction(uuid, "stop"),
    forceStop: (uuid) => vms.vmAction(uuid, "force-stop"),
    running: async (uuid) => vmState((await client.call("domainState", uuid)).state) !== "stopped",
    // The QEMU agent answers a clock read only once it runs in the guest (as the heartbeat asks).
    agentAnswers: (uuid) => client.callAgent("guestTime", uuid).then(() => true, () => false),
  };
}
