// The HA test bed of issue 48 (scripts/ha-bed.sh, docs/dev/ha-bed.md): three Pacemaker/Corosync
// nodes in namespaces on this machine, each with its own libvirtd, a shared folder, and a BMC
// (scripts/ha-bed-bmc.sh) that Pacemaker fences it through, with fence_ipmilan. Helpers to start
// it, run commands inside a node, power nodes off and on, and read Pacemaker's XML.

import { guestImagesIn, run } from "./guest.ts";

const SCRIPT = new URL("../../scripts/ha-bed.sh", import.meta.url).pathname;
/** The bed's state folder as seen from outside the nodes. */
export const BED_BASE = Deno.env.get("KVMM_HA_BASE") ?? "/tmp/kvmm-ha-bed";
/** The shared folder: $BED_BASE/shared outside, SHARED_IN_NODE inside every node. */
export const BED_SHARED = `${BED_BASE}/shared`;
export const SHARED_IN_NODE = "/var/lib/libvirt/images/shared";
/** One line per power-off: `TIME RAN-ON source=bmc|ha-bed action=off plug=NODE done`. */
export const FENCE_LOG = `${BED_BASE}/fence.log`;

/** A node's BMC on the bed's bridge: an IPMI 2.0 simulator, user admin (scripts/ha-bed-bmc.sh). */
export function bmcAddress(node: BedNode): string {
  return `10.77.0.2${node.slice(-1)}`;
}

/** The password of the BMCs' admin user, made per bed. */
export function bmcPassword(): string {
  return Deno.readTextFileSync(`${BED_BASE}/bmc/password`).trim();
}
export const BED_NODES = ["kvmm-ha1", "kvmm-ha2", "kvmm-ha3"] as const;
export type BedNode = typeof BED_NODES[number];

/** A node's address on the bed's bridge (the host has 10.77.0.1 there). */
export function nodeAddress(node: BedNode): string {
  return `10.77.0.1${node.slice(-1)}`;
}

/** The node's own libvirtd, from the host. */
export function nodeUri(node: BedNode): string {
  return `qemu+tcp://${nodeAddress(node)}/system`;
}

/**
 * Builds and boots the bed unless it runs; returns when 3 nodes are online with quorum. `bare`:
 * the nodes without a cluster (no corosync.conf, nothing of the cluster running), each with an
 * sshd that takes root with the key of BED_SSH_CONFIG, for `kvm-manager install-cluster`.
 */
export async function bedUp(opts: { bare?: boolean } = {}): Promise<void> {
  await run("bash", [SCRIPT, "up", ...(opts.bare ? ["--bare"] : [])]);
}

/** The ssh_config that reaches a bare bed's nodes as root (`ssh -F`). */
export const BED_SSH_CONFIG = `${BED_BASE}/ssh/ssh_config`;

/** Removes the bed: processes, namespaces, links and the state folder. */
export async function bedDown(): Promise<void> {
  await run("bash", [SCRIPT, "down"]);
}

/** Runs a command inside `node` ("any": the first node that is on); its stdout. */
export async function onNode(node: BedNode | "any", ...cmd: string[]): Promise<string> {
  return await run("bash", [SCRIPT, "exec", node, ...cmd]);
}

/** The bed's power switch: `node` loses its link and every process at once. */
export async function powerOff(node: BedNode): Promise<void> {
  await run("bash", [SCRIPT, "poweroff", node]);
}

/**
 * Unplugs `node` from the bed's switch: it runs on, VMs and all, cut off from the others, who
 * must fence it (through its BMC) before they may start its VMs.
 */
export async function unplug(node: BedNode): Promise<void> {
  await run("bash", [SCRIPT, "unplug", node]);
}

/** Boots `node` again (it rejoins the cluster within seconds). */
export async function powerOn(node: BedNode): Promise<void> {
  await run("bash", [SCRIPT, "poweron", node]);
}

/** `crm_mon --output-as=xml` as one node sees the cluster. */
export async function crmMonXml(node: BedNode | "any" = "any"): Promise<string> {
  return await onNode(node, "crm_mon", "--output-as=xml");
}

/**
 * A TCG guest for the bed in its shared folder: the test guest's kernel and initramfs
 * (guest.ts; its init arms the ACPI power button, so a VirtualDomain stop is quick) and a domain
 * XML naming them as every node sees them, a serial log in the shared folder beside it. No disk.
 * Returns the XML's path inside the nodes and the serial log's path outside.
 */
export async function bedGuest(name: string): Promise<{ config: string; serial: string }> {
  const assets = await guestImagesIn(`${BED_SHARED}/assets`);
  const inNode = (path: string) => path.replace(BED_SHARED, SHARED_IN_NODE);
  const serial = `${BED_SHARED}/${name}.serial`;
  await Deno.remove(serial).catch(() => {});
  await Deno.writeTextFile(
    `${BED_SHARED}/${name}.xml`,
    `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>160</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>${inNode(assets.kernel)}</kernel>
    <initrd>${inNode(assets.initrd)}</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <serial type='file'><source path='${inNode(serial)}' append='on'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
`,
  );
  return { config: `${SHARED_IN_NODE}/${name}.xml`, serial };
}

/**
 * Adds an `ocf:heartbeat:VirtualDomain` resource `id` for the domain XML `config`, preferring
 * `node` (score 100). On the bed only, live migration needs `--unsafe` (docs/dev/ha-bed.md).
 */
export async function addVirtualDomain(id: string, config: string, node: BedNode): Promise<void> {
  await onNode(
    "any",
    "cibadmin",
    "--create",
    "-o",
    "resources",
    "--xml-text",
    `<primitive id="${id}" class="ocf" provider="heartbeat" type="VirtualDomain">
      <instance_attributes id="${id}-ia">
        <nvpair id="${id}-config" name="config" value="${config}"/>
        <nvpair id="${id}-hv" name="hypervisor" value="qemu:///system"/>
        <nvpair id="${id}-mt" name="migration_transport" value="tcp"/>
        <nvpair id="${id}-mo" name="migrate_options" value="--unsafe"/>
      </instance_attributes>
      <meta_attributes id="${id}-meta"><nvpair id="${id}-am" name="allow-migrate" value="true"/></meta_attributes>
      <operations>
        <op id="${id}-start" name="start" interval="0" timeout="90s"/>
        <op id="${id}-stop" name="stop" interval="0" timeout="90s"/>
        <op id="${id}-monitor" name="monitor" interval="10s" timeout="30s"/>
      </operations>
    </primitive>`,
  );
  await onNode(
    "any",
    "cibadmin",
    "--create",
    "-o",
    "constraints",
    "--xml-text",
    `<rsc_location id="${id}-prefers" rsc="${id}" node="${node}" score="100"/>`,
  );
}
