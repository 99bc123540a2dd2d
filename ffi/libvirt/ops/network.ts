// Worker operations on virtual networks: plain data in, plain data out.

import type { Connection } from "../connection.ts";
import {
  type DhcpLeaseRecord,
  type Network,
  NetworkUpdateCommand,
  NetworkUpdateFlags,
} from "../network.ts";
import { ErrorCode } from "../error.ts";
import { readListed } from "./listed.ts";

/** A network's facts plus its XML (live when active), read in one worker trip. */
export interface NetworkSnapshot {
  name: string;
  uuid: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  xml: string;
}

function networkSnapshot(net: Network): NetworkSnapshot {
  return {
    name: net.getName(),
    uuid: net.getUUIDString(),
    active: net.isActive(),
    autostart: net.getAutostart(),
    persistent: net.isPersistent(),
    xml: net.getXMLDesc(),
  };
}

/** One section change for virNetworkUpdate. */
export interface NetworkChange {
  command: "add" | "delete" | "modify";
  /** virNetworkUpdateSection value. */
  section: number;
  xml: string;
}

const COMMANDS = {
  add: NetworkUpdateCommand.ADD_LAST,
  delete: NetworkUpdateCommand.DELETE,
  modify: NetworkUpdateCommand.MODIFY,
};

export const networkOps = {
  networkList(conn: Connection): NetworkSnapshot[] {
    return readListed(conn.listAllNetworks(), networkSnapshot, ErrorCode.NO_NETWORK);
  },

  networkGet(conn: Connection, name: string): NetworkSnapshot {
    using net = conn.lookupNetwork(name);
    return networkSnapshot(net);
  },

  /** Defines a network, optionally starts it and sets autostart; undefines it on failure. */
  networkDefine(
    conn: Connection,
    xml: string,
    { start, autostart }: { start: boolean; autostart: boolean },
  ): NetworkSnapshot {
    using net = conn.defineNetwork(xml);
    try {
      if (start) net.start();
      if (autostart) net.setAutostart(true);
      return networkSnapshot(net);
    } catch (err) {
      try {
        if (net.isActive()) net.stop();
        net.undefine();
      } catch {
        // The start error is what the user needs to see.
      }
      throw err;
    }
  },

  networkAction(conn: Connection, name: string, action: "start" | "stop"): NetworkSnapshot {
    using net = conn.lookupNetwork(name);
    if (action === "start") net.start();
    else net.stop();
    return networkSnapshot(net);
  },

  networkSetAutostart(conn: Connection, name: string, on: boolean): NetworkSnapshot {
    using net = conn.lookupNetwork(name);
    net.setAutostart(on);
    return networkSnapshot(net);
  },

  /** Stops (when active) and undefines a network. */
  networkDelete(conn: Connection, name: string): void {
    using net = conn.lookupNetwork(name);
    if (net.isActive()) net.stop();
    if (net.isPersistent()) net.undefine();
  },

  /**
   * Applies section changes in order through virNetworkUpdate, to the running network when it
   * is active and to the definition when it is persistent.
   */
  networkUpdate(conn: Connection, name: string, changes: NetworkChange[]): NetworkSnapshot {
    using net = conn.lookupNetwork(name);
    const flags = (net.isActive() ? NetworkUpdateFlags.LIVE : 0) |
      (net.isPersistent() ? NetworkUpdateFlags.CONFIG : 0);
    for (const change of changes) {
      net.update(COMMANDS[change.command], change.section, -1, change.xml, flags);
    }
    return networkSnapshot(net);
  },

  networkLeases(conn: Connection, name: string): DhcpLeaseRecord[] {
    using net = conn.lookupNetwork(name);
    return net.getDHCPLeases();
  },
};
