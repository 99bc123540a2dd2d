// What the host network routes answer (routes/api/host_network.ts).

import { z } from "zod";
import type {
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

export const HostNetworkState = describes<State>()(
  z.object({
    file: z.string().meta({ description: "/etc/network/interfaces as it is now" }),
    staged: z.string().meta({
      description: "The staged changes as a unified diff against it; empty when none",
    }),
    pending: PendingHostNetworkChange.nullable(),
  }),
);
