// The host's network (bridges over its NICs, staged, applied with a rollback) as a feature
// (lib/feature.ts). Only on this machine's own libvirt (qemu:///system): the interfaces file and
// ifreload are this machine's, so a remote host, a test driver (the demo, and every test server on
// test:///default) and another daemon's socket get a refusal, never a change to this machine.
// Made on first use, or at start when a change was left unconfirmed, to roll it back then.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { tKey } from "../../shared/i18n/t.ts";
import { runCommand } from "../firewall/run_command.ts";
import { HostNetwork } from "./host_network.ts";
import { HostNetworkService } from "./service.ts";

/** The interfaces file ifupdown2 reads. */
const INTERFACES = "/etc/network/interfaces";

/** This machine's system libvirt (qemu:///system, or its unix socket's form): not a session's. */
const SYSTEM_URI = /^qemu(\+unix)?:\/\/\/system$/;

/** Whether this composition may change this machine's network. */
const ownsThisMachine = ({ local, config }: FeatureParts) =>
  local && !config.demo && SYSTEM_URI.test(config.uri);

const pendingPath = (dataDir: string) => `${dataDir}/host-network-pending.json`;

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

export const hostNetworkFeature = feature({
  name: "host network",
  scope: "host",
  make: (parts: FeatureParts) => {
    if (!ownsThisMachine(parts)) return { services: new HostNetwork(null, parts.config.uri) };
    const { dataDir } = parts.config;
    const service = new HostNetworkService(
      {
        interfacesPath: INTERFACES,
        stagedPath: `${dataDir}/host-network-staged`,
        pendingPath: pendingPath(dataDir),
      },
      runCommand,
      (message) => console.error(message),
    );
    return {
      services: new HostNetwork(service, parts.config.uri),
      background: [{
        name: "host network rollback",
        // A change this server applied and nobody confirmed before it stopped: undone now.
        start: () => {
          service.applier.resumeAtStart().catch(() => {/* logged, and tried again */});
        },
        stop: () => service.applier.close(),
      }],
    };
  },
  startsOn: (parts) => ownsThisMachine(parts) && exists(pendingPath(parts.config.dataDir)),
  titles: {
    "host-network.stage": tKey("Stage host network change"),
    "host-network.stage-bond": tKey("Stage a bond"),
    "host-network.stage-vlan": tKey("Stage a VLAN interface"),
    "host-network.stage-address": tKey("Stage an interface's addresses"),
    "host-network.stage-bridge-ports": tKey("Stage a bridge's ports"),
    "host-network.stage-bond-change": tKey("Stage a bond change"),
    "host-network.stage-delete": tKey("Stage deleting an interface"),
    "host-network.discard": tKey("Discard staged host network changes"),
    "host-network.apply": tKey("Apply host network changes"),
    "host-network.confirm": tKey("Confirm host network change"),
    "host-network.rollback": tKey("Roll back host network change"),
  },
});
