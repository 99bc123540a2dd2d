// The CIB elements KVM Manager writes for a highly available VM: an ocf:heartbeat:VirtualDomain
// primitive and a location preference. Built with fast-xml-parser's builder (every value an
// escaped attribute, never text glued into XML); ids are checked to be XML ids Pacemaker takes.

import { XMLBuilder } from "fast-xml-parser";

/**
 * The CIB's builder: as lib/xml/builder.ts, but an attribute whose value is "true" keeps it
 * (fast-xml-parser otherwise writes a bare `value`, and Pacemaker reads the meta attribute as
 * unset: allow-migrate was lost that way).
 */
export const cibBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

export interface HaResourceSpec {
  /** The resource id (also the prefix of its child ids). */
  id: string;
  /** The domain XML on shared storage, as every node sees it. */
  config: string;
  /** Live migration when Pacemaker moves it (else stop, then start elsewhere). */
  allowMigrate: boolean;
  /** Pacemaker's priority: higher stays running when not all can. */
  priority: number;
  startTimeoutS: number;
  stopTimeoutS: number;
  /** The role to begin in: Started, or Stopped for a VM that is off now. */
  targetRole: "Started" | "Stopped";
  /** Extra `virsh migrate` options (the test bed's `--unsafe`); none on real clusters. */
  migrateOptions?: string;
  /** libvirt's transport between nodes: ssh (the agent's default), tls, or tcp. */
  migrationTransport?: string;
}

/** An XML id as Pacemaker's schema wants it: a letter or _, then letters, digits, _ . -. */
export const CIB_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/** A resource id for the VM named `name`: its name where that is an XML id, else made one. */
export function resourceIdFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 90);
  return CIB_ID.test(cleaned) ? cleaned : `vm_${cleaned}`.slice(0, 100);
}

const nv = (id: string, name: string, value: string) => ({
  "@id": `${id}-${name}`,
  "@name": name,
  "@value": value,
});

const op = (id: string, name: string, interval: string, timeout: string) => ({
  "@id": `${id}-${name}-${interval}`,
  "@name": name,
  "@interval": interval,
  "@timeout": timeout,
});

/** The `<primitive>` of a VirtualDomain resource. */
export function virtualDomainPrimitive(spec: HaResourceSpec): string {
  const { id } = spec;
  if (!CIB_ID.test(id)) throw new Error(`not a CIB id: ${id}`);
  const params = [
    nv(id, "config", spec.config),
    nv(id, "hypervisor", "qemu:///system"),
    nv(id, "migration_transport", spec.migrationTransport ?? "ssh"),
    ...(spec.migrateOptions ? [nv(id, "migrate_options", spec.migrateOptions)] : []),
  ];
  const meta = [
    nv(id, "allow-migrate", String(spec.allowMigrate)),
    nv(id, "priority", String(spec.priority)),
    nv(id, "target-role", spec.targetRole),
    // Marks what KVM Manager made, so it only ever hands back its own.
    nv(id, "kvmm-managed", "true"),
  ];
  const start = `${spec.startTimeoutS}s`;
  const stop = `${spec.stopTimeoutS}s`;
  return cibBuilder.build({
    primitive: {
      "@id": id,
      "@class": "ocf",
      "@provider": "heartbeat",
      "@type": "VirtualDomain",
      instance_attributes: { "@id": `${id}-instance_attributes`, nvpair: params },
      meta_attributes: { "@id": `${id}-meta_attributes`, nvpair: meta },
      operations: {
        op: [
          op(id, "start", "0s", start),
          op(id, "stop", "0s", stop),
          op(id, "monitor", "10s", "30s"),
          op(id, "migrate_to", "0s", "120s"),
          op(id, "migrate_from", "0s", "120s"),
        ],
      },
    },
  });
}

/** A location constraint: `id` prefers `node` (score 100, so it may still run elsewhere). */
export function preferNode(id: string, node: string): string {
  if (!CIB_ID.test(id)) throw new Error(`not a CIB id: ${id}`);
  return cibBuilder.build({
    rsc_location: { "@id": `${id}-prefers`, "@rsc": id, "@node": node, "@score": "100" },
  });
}

export interface FencingSpec {
  id: string;
  /** fence_ipmilan, fence_virsh, …: stonith:AGENT. */
  agent: string;
  /** The nodes it powers off (pcmk_host_list). */
  hosts: string[];
  /** The agent's own parameters and pcmk_host_map / pcmk_delay_*. */
  params: Record<string, string>;
}

/** The `<primitive class="stonith">` of a fencing device, checked every minute. */
export function fencingPrimitive(spec: FencingSpec): string {
  const { id } = spec;
  if (!CIB_ID.test(id)) throw new Error(`not a CIB id: ${id}`);
  const params = [
    nv(id, "pcmk_host_list", spec.hosts.join(" ")),
    ...Object.entries(spec.params).map(([name, value]) => nv(id, name, value)),
  ];
  return cibBuilder.build({
    primitive: {
      "@id": id,
      "@class": "stonith",
      "@type": spec.agent,
      instance_attributes: { "@id": `${id}-instance_attributes`, nvpair: params },
      meta_attributes: {
        "@id": `${id}-meta_attributes`,
        nvpair: [nv(id, "kvmm-managed", "true")],
      },
      operations: { op: [op(id, "monitor", "60s", "30s")] },
    },
  });
}

/** KVM Manager's own server as a cluster resource (docs/guide/cluster.md). */
export interface ManagerGroupSpec {
  /** The floating address (IPaddr2 `ip`) and its prefix length (`cidr_netmask`). */
  address: string;
  prefix: number;
  /** The interface the address goes on; IPaddr2 finds it from the routes when absent. */
  nic?: string;
  port: number;
  /** The data folder on shared storage (the agent's `data_dir`). */
  dataDir: string;
  /** The kvm-manager command on every node (the agent's `binary`). */
  binary?: string;
  config?: string;
}

/** The group's id, and its two primitives' ids. */
export const MANAGER_GROUP = "kvm-manager";
export const MANAGER_IP = "kvm-manager-ip";
export const MANAGER_SERVER = "kvm-manager-server";

/**
 * The `<group>` that runs KVM Manager on one node: the floating address first, then the server
 * (ocf:kvm-manager:server) listening on it. A group starts its members in order and keeps them
 * on one node, so the server moves with its address.
 */
export function managerGroup(spec: ManagerGroupSpec): string {
  const host = spec.address.includes(":") ? `[${spec.address}]` : spec.address;
  const ip = MANAGER_IP;
  const server = MANAGER_SERVER;
  return cibBuilder.build({
    group: {
      "@id": MANAGER_GROUP,
      meta_attributes: {
        "@id": `${MANAGER_GROUP}-meta_attributes`,
        nvpair: [nv(MANAGER_GROUP, "kvmm-managed", "true")],
      },
      primitive: [
        {
          "@id": ip,
          "@class": "ocf",
          "@provider": "heartbeat",
          "@type": "IPaddr2",
          instance_attributes: {
            "@id": `${ip}-instance_attributes`,
            nvpair: [
              nv(ip, "ip", spec.address),
              nv(ip, "cidr_netmask", String(spec.prefix)),
              ...(spec.nic ? [nv(ip, "nic", spec.nic)] : []),
            ],
          },
          operations: { op: [op(ip, "monitor", "10s", "20s")] },
        },
        {
          "@id": server,
          "@class": "ocf",
          "@provider": "kvm-manager",
          "@type": "server",
          instance_attributes: {
            "@id": `${server}-instance_attributes`,
            nvpair: [
              nv(server, "listen", `${host}:${spec.port}`),
              nv(server, "data_dir", spec.dataDir),
              ...(spec.binary ? [nv(server, "binary", spec.binary)] : []),
              ...(spec.config ? [nv(server, "config", spec.config)] : []),
            ],
          },
          operations: {
            op: [
              op(server, "start", "0s", "90s"),
              op(server, "stop", "0s", "60s"),
              op(server, "monitor", "10s", "20s"),
            ],
          },
        },
      ],
    },
  });
}
