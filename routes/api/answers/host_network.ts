// What the host network routes answer (routes/api/host_network.ts).

import { z } from "zod";
import type {
  HostAddress as Address,
  HostInterface as Interface,
  HostNetworkState as State,
  PendingChange as Pending,
} from "../../../shared/host_network.ts";
import { describes } from "./describes.ts";

export const PendingHostNetworkChange = describes<Pending>()(
  z.object({
    deadline: z.number().meta({
      description: "When it rolls back unless confirmed (ms since epoch)",
    }),
    id: z.string().meta({ description: "What POST /api/host/network/confirm names" }),
  }).meta({ description: "A host network change applied and waiting for its confirmation" }),
);

const HostAddress = describes<Address>()(
  z.object({
    family: z.enum(["ipv4", "ipv6"]),
    address: z.string(),
    prefixLength: z.number().int(),
    scope: z.string().meta({ description: "global, link, host …" }),
  }),
);

export const HostInterface = describes<Interface>()(
  z.object({
    name: z.string(),
    kind: z.enum(["nic", "bridge", "bond", "vlan", "veth", "other"]),
    up: z.boolean().meta({ description: "Set up by the admin" }),
    carrier: z.boolean().meta({ description: "Has a carrier (a cable, a peer)" }),
    mac: z.string().nullable(),
    mtu: z.number().int(),
    addresses: z.array(HostAddress),
    master: z.string().nullable().meta({ description: "The bridge or bond it is a port of" }),
    ports: z.array(z.string()).meta({ description: "A bridge's or bond's ports" }),
    vlan: z.object({ parent: z.string(), id: z.number().int() }).nullable(),
    bond: z.object({
      mode: z.string().meta({ description: "balance-rr, active-backup, 802.3ad …" }),
      miimon: z.number().int().nullable().meta({ description: "MII monitoring interval, ms" }),
    }).nullable(),
    bridgeable: z.boolean().meta({
      description: "Whether a bridge may be staged over it (POST /api/host/network/staged/bridge)",
    }),
  }).meta({ description: "One of the host's network interfaces, as ip shows it now" }),
);

export const HostNetworkState = describes<State>()(
  z.object({
    interfaces: z.array(HostInterface),
    file: z.string().meta({ description: "/etc/network/interfaces as it is now" }),
    staged: z.string().meta({
      description: "The staged changes as a unified diff against it; empty when none",
    }),
    pending: PendingHostNetworkChange.nullable(),
    planned: z.array(z.object({
      name: z.string(),
      kind: z.enum(["bridge", "bond", "vlan"]),
    })).meta({
      description: "Bridges, bonds and VLANs the staged changes make that the host lacks yet",
    }),
    defined: z.array(z.object({
      name: z.string(),
      kind: z.enum(["bridge", "bond"]),
      ports: z.array(z.string()).meta({ description: "A bridge's ports or a bond's members" }),
      mode: z.string().nullable().meta({ description: "A bond's mode" }),
      miimon: z.number().int().nullable().meta({ description: "A bond's link check, ms" }),
    })).meta({
      description:
        "Bridges and bonds the file defines (staged changes included): POST /api/host/network/staged/bridge-ports or bond-change changes them",
    }),
  }),
);
