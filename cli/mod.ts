// The command-line client (issue 9): `vm`, `host`, `network`, `image`, `console`, `profile` and `repo` talk to
// a running server over its HTTP API with an API token, in the same binary as `serve`.

import { clusterCommand } from "./cluster.ts";
import { consoleCommand } from "./console.ts";
import { hostCommand } from "./host.ts";
import { imageCommand } from "./image.ts";
import { networkCommand } from "./network.ts";
import { profileCommand } from "./profile.ts";
import { repoCommand } from "./repo.ts";
import { topCommand } from "./top.ts";
import { vmCommand } from "./vm.ts";

/** Each command takes its arguments and resolves to the process's exit status. */
export const CLI_COMMANDS: Map<string, (args: string[]) => Promise<number>> = new Map([
  ["vm", vmCommand],
  ["host", hostCommand],
  ["network", networkCommand],
  ["image", imageCommand],
  ["console", consoleCommand],
  ["profile", profileCommand],
  ["repo", repoCommand],
  ["top", topCommand],
  ["cluster", clusterCommand],
]);

/** Lines for the program's usage text. */
export const CLI_USAGE =
  `  kvm-manager vm list|show|start|stop|… [NAME]     VMs of a running server, over its API
  kvm-manager vm create NAME [flags]               define a new VM
  kvm-manager host [list]                          the host, or the server's libvirt hosts
  kvm-manager network list|show|start|topology|…   its networks and how VMs reach them
  kvm-manager image download URL --pool POOL      a disk image from the web into a pool
  kvm-manager console NAME                         a VM's serial console (Ctrl+a t leaves)
  kvm-manager profile list|show|export|import|…    the host's policy profiles
  kvm-manager repo list|add|check|prune|snapshots  off-host backup repositories (restic)
  kvm-manager top                                  a live screen of the host's VMs (? for keys)
  kvm-manager cluster [node|vm|device|fencing|…]   the Pacemaker cluster and its HA controls
`;
