// What the host list routes answer (routes/api/hosts.ts).

import { z } from "zod";
import type { HostStatus as Status } from "../../../shared/hosts.ts";
import { describes } from "./describes.ts";

export const HostStatus = describes<Status>()(
  z.object({
    id: z.string().meta({ description: 'What ?host= takes: "local", or a slug of the name' }),
    name: z.string(),
    uri: z.string().meta({
      description: "The libvirt URI as added (no secrets: URIs with a password are refused)",
    }),
    local: z.boolean(),
    connected: z.boolean(),
    error: z.string().nullable().meta({ description: "Why it is not connected; null when it is" }),
    maintenance: z.literal(true).optional().meta({
      description: "Set while the host is in maintenance (it takes no new VMs)",
    }),
  }).meta({ id: "HostStatus" }),
);

export const HostStatusList = z.array(HostStatus);
