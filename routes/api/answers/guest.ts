// What the guest routes answer (routes/api/guest.ts): what the guest agents report, the
// heartbeat, activity, services, updates, exec, files, the clock and filesystem freeze/thaw.

import { z } from "zod";
import type * as G from "../../../shared/guest.ts";
import type { GuestService } from "../../../lib/guest/service.ts";
import { describes } from "./describes.ts";

const AgentPolicy = describes<G.AgentPolicy>()(
  z.object({
    allowedDirs: z.array(z.string()),
    allowedCommands: z.array(z.string()),
    deniedCommands: z.array(z.string()),
    commandTimeoutMs: z.number(),
    maxCommandTimeoutMs: z.number(),
    maxOutputBytes: z.number(),
    maxFileBytes: z.number(),
    allowSelfUpdate: z.boolean().meta({
      description: "The guest's config lets the host replace the agent (agent 1.3.0 and later)",
    }),
  }).meta({ description: "Our agent's limits, from its own config" }),
);

const AgentState = describes<G.GuestAgentState>()(
  z.object({
    status: z.enum(["none", "qemu", "kvmm", "both"]).meta({
      description: "Which agents answer: the QEMU guest agent, KVM Manager's, both or none",
    }),
    qemu: z.object({ configured: z.boolean(), connected: z.boolean() }),
    kvmm: z.object({
      configured: z.boolean(),
      connected: z.boolean(),
      version: z.string().nullable(),
      policy: AgentPolicy.nullable(),
      latestVersion: z.string().meta({
        description: "This server's agent version, which an update brings",
      }),
      updateAvailable: z.boolean().meta({
        description: "The guest runs an older agent than this server's",
      }),
    }),
    reason: z.string().nullable().meta({ description: "Why no agent (or not ours) answers" }),
  }),
);

const Interface = describes<G.GuestInterface>()(
  z.object({
    name: z.string(),
    mac: z.string().nullable(),
    addresses: z.array(z.object({
      address: z.string(),
      prefix: z.number(),
      family: z.enum(["ipv4", "ipv6"]),
    })),
  }),
);

const Filesystem = describes<G.GuestFilesystem>()(
  z.object({
    mountPoint: z.string(),
    device: z.string(),
    fsType: z.string(),
    totalBytes: z.number().nullable(),
    usedBytes: z.number().nullable(),
    availableBytes: z.number().nullable(),
  }),
);

const Os = describes<G.GuestOs>()(
  z.object({
    id: z.string().nullable(),
    name: z.string().nullable(),
    version: z.string().nullable(),
    prettyName: z.string().nullable(),
    kernelRelease: z.string().nullable(),
    machine: z.string().nullable(),
  }),
);

export const GuestInfo = describes<G.GuestInfo>()(
  z.object({
    agent: AgentState,
    os: Os.nullable(),
    hostname: z.string().nullable(),
    interfaces: z.array(Interface),
    ipAddresses: z.array(z.string()).meta({ description: "Non-loopback addresses, IPv4 first" }),
    addressSource: z.enum(["qemu-agent", "kvmm-agent", "dhcp-lease"]).nullable(),
    filesystems: z.array(Filesystem).nullable(),
    cut: z.array(z.string()).meta({
      description: "What the guest said beyond KVM Manager's bounds, in words; empty when nothing",
    }),
  }).meta({ id: "GuestInfo" }),
);

export const GuestAgentHeartbeat = describes<G.AgentHeartbeat>()(
  z.object({
    vmId: z.string(),
    agent: z.enum(["kvmm", "qemu"]).nullable().meta({
      description: "The agent pinged; null when the VM has no agent channel",
    }),
    version: z.string().nullable().meta({
      description: "Our agent's version; null for QEMU's or before it first answered",
    }),
    responding: z.boolean(),
    channelOpen: z.boolean().optional().meta({
      description: "The guest side of the pinged agent's channel is open (always sent by this " +
        "server; absent from servers before it was added)",
    }),
    lastSeenAt: z.string().nullable().meta({ description: "ISO 8601; null: never answered" }),
    notRespondingSince: z.string().nullable().meta({ description: "ISO 8601" }),
    checkedAt: z.string().nullable().meta({
      description: "The last ping (ISO 8601); null before the first round",
    }),
    intervalSeconds: z.number().int(),
  }).meta({ id: "GuestAgentHeartbeat" }),
);

export const GuestActivity = describes<G.GuestActivity>()(
  z.object({
    usersSource: z.enum(["kvmm-agent", "qemu-agent"]).nullable(),
    users: z.array(z.object({
      name: z.string(),
      terminal: z.string().nullable(),
      host: z.string().nullable(),
      domain: z.string().nullable().meta({ description: "A Windows guest's domain" }),
      loginTime: z.string().meta({ description: "ISO 8601, by the guest's clock" }),
    })),
    processes: z.array(z.object({
      pid: z.number(),
      name: z.string(),
      user: z.string(),
      cpuPercent: z.number().meta({ description: "% of one CPU" }),
      memoryBytes: z.number(),
      command: z.string(),
    })).nullable().meta({ description: "Our agent's busiest processes; null when it is silent" }),
    processCount: z.number().nullable(),
    sort: z.enum(["cpu", "memory"]),
    reason: z.string().nullable().meta({ description: "Why users or processes are missing" }),
  }).meta({ id: "GuestActivity" }),
);

/** A directory made: its path as the agent resolved it. */
export const GuestDirectoryMade = z.object({ path: z.string() }).meta({
  id: "GuestDirectoryMade",
});

const ServiceRow = describes<G.GuestServiceRow>()(
  z.object({
    name: z.string().meta({ description: '"ssh.service"' }),
    description: z.string(),
    loadState: z.string(),
    activeState: z.string(),
    subState: z.string(),
    fileState: z.string().nullable().meta({ description: "null without a unit file" }),
    allowed: z.boolean().meta({
      description: "Whether the agent's config and the VM's policy let it be acted on",
    }),
  }),
);

export const GuestServices = describes<G.GuestServices>()(
  z.object({
    services: z.array(ServiceRow),
    truncated: z.boolean().meta({ description: "More services exist than the agent reports" }),
    allowedPatterns: z.array(z.string()).meta({
      description: "The VM's policy's allowed services; empty: none may be acted on",
    }),
  }).meta({ id: "GuestServices" }),
);

export const GuestServiceActionResult = describes<G.ServiceActionResult>()(
  z.object({ action: z.enum(["start", "stop", "restart"]), service: ServiceRow }).meta({
    id: "GuestServiceActionResult",
  }),
);

export const GuestAgentUpdate = describes<G.AgentUpdate>()(
  z.object({ from: z.string(), to: z.string() }).meta({
    id: "GuestAgentUpdate",
    description: "The agent's version before and after",
  }),
);

export const GuestUpdates = describes<G.GuestUpdates>()(
  z.object({
    manager: z.enum(["apt", "dnf", "pacman"]),
    updates: z.array(z.object({
      name: z.string(),
      currentVersion: z.string().nullable(),
      newVersion: z.string(),
    })),
    count: z.number().meta({ description: "All pending updates; `updates` may hold fewer" }),
  }).meta({ id: "GuestUpdates" }),
);

export const GuestExecOutput = describes<G.ExecOutput>()(
  z.object({
    exitCode: z.number().nullable(),
    signal: z.string().nullable(),
    stdout: z.string(),
    stderr: z.string(),
    durationMs: z.number(),
  }).meta({ id: "GuestExecOutput" }),
);

export const GuestFileWritten = describes<Awaited<ReturnType<GuestService["writeFile"]>>>()(
  z.object({ path: z.string(), bytesWritten: z.number() }).meta({ id: "GuestFileWritten" }),
);

export const GuestClock = describes<G.GuestClock>()(
  z.object({
    guestTime: z.string().meta({ description: "ISO 8601" }),
    hostTime: z.string().meta({ description: "ISO 8601" }),
    offsetMs: z.number().meta({
      description: "Guest minus host: positive when the guest is ahead",
    }),
  }).meta({ id: "GuestClock" }),
);

/** A freeze or a thaw: how many filesystems. */
export const GuestFilesystemCount = z.object({ filesystems: z.number().int() }).meta({
  id: "GuestFilesystemCount",
});
