// Writes node files for libvirt's test driver (test:///PATH): many domains in chosen states,
// a storage pool with their disk volumes, and a network — a fresh, private libvirt per file.

export interface TestDomainSpec {
  name: string;
  /** virDomainState to start in: 1 running (default), 3 paused, 5 shut off. */
  runstate?: 1 | 3 | 5;
  vcpus?: number;
  memoryMb?: number;
  /** Adds a disk volume `<name>.qcow2` in the pool and attaches it. */
  disk?: boolean;
  vnc?: boolean;
  /** A SPICE display (in place of VNC's). */
  spice?: boolean;
  /**
   * Adds our agent's channel (org.kvmmanager.agent.0) whose host socket is this path, marked
   * connected: a test runs the real agent listening there (agent/main.ts --listen-unix).
   */
  agentSocket?: string;
}

export const TEST_POOL_PATH = "/var/lib/kvmm-testdriver/pool";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

function uuidFor(i: number): string {
  const hex = i.toString(16).padStart(12, "0");
  return `6b5a6f1e-0000-4000-8000-${hex}`;
}

function domainXml(d: TestDomainSpec, i: number): string {
  const disk = d.disk
    ? `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
        <source file='${TEST_POOL_PATH}/${
      esc(d.name)
    }.qcow2'/><target dev='vda' bus='virtio'/></disk>`
    : "";
  const vnc = d.vnc
    ? `<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>`
    : d.spice
    ? `<graphics type='spice' port='-1' autoport='yes' listen='127.0.0.1'/>`
    : "";
  const agent = d.agentSocket
    ? `<channel type='unix'><source mode='bind' path='${esc(d.agentSocket)}'/>
        <target type='virtio' name='org.kvmmanager.agent.0' state='connected'/></channel>`
    : "";
  return `<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
  <name>${esc(d.name)}</name><uuid>${uuidFor(i + 1)}</uuid>
  <description>test domain ${esc(d.name)}</description>
  <memory unit='MiB'>${d.memoryMb ?? 512}</memory><vcpu>${d.vcpus ?? 1}</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>${disk}
    <interface type='network'><mac address='52:54:00:00:${
    ((i >> 8) & 255).toString(16).padStart(2, "0")
  }:${
    (i & 255).toString(16).padStart(2, "0")
  }'/><source network='default'/><model type='virtio'/></interface>
    ${vnc}${agent}
  </devices>
  <test:runstate>${d.runstate ?? 1}</test:runstate>
</domain>`;
}

/** The node XML for `domains`; `extra`: more of it (node devices' `<device>` elements). */
export function testNodeXml(domains: TestDomainSpec[], extra = ""): string {
  const volumes = domains.filter((d) => d.disk).map((d) =>
    `<volume><name>${esc(d.name)}.qcow2</name><capacity unit='GiB'>2</capacity>
      <allocation unit='MiB'>10</allocation><target><path>${TEST_POOL_PATH}/${
      esc(d.name)
    }.qcow2</path><format type='qcow2'/></target></volume>`
  ).join("\n");
  return `<node>
  <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads><active>8</active>
    <mhz>2400</mhz><model>x86_64</model></cpu>
  <memory>16777216</memory>
  ${domains.map(domainXml).join("\n")}
  <network><name>default</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
    <bridge name='virbr0'/><ip address='192.168.122.1' netmask='255.255.255.0'/></network>
  <pool type='dir'><name>default</name><uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>
    <capacity unit='GiB'>100</capacity><allocation unit='GiB'>1</allocation><available unit='GiB'>99</available>
    <target><path>${TEST_POOL_PATH}</path></target>
    ${volumes}
  </pool>
  ${extra}
</node>`;
}

/** Writes a node file into a fresh temp dir; returns its `test:///` URI and a remover. */
export async function writeTestNode(
  domains: TestDomainSpec[],
  extra = "",
): Promise<{ uri: string; path: string; remove(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-node-" });
  const path = `${dir}/node.xml`;
  await Deno.writeTextFile(path, testNodeXml(domains, extra));
  return { uri: `test://${path}`, path, remove: () => Deno.remove(dir, { recursive: true }) };
}

/** A PCI node device as libvirt describes one (https://libvirt.org/formatnode.html). */
export function testPciDevice(
  address: string,
  { klass, vendor, product, driver, group, peers = [], inner = "" }: {
    klass: string;
    vendor: string;
    product: string;
    driver?: string;
    group?: number;
    peers?: string[];
    inner?: string;
  },
): string {
  const [domain, bus, slotFn] = address.split(":");
  const [slot, fn] = slotFn.split(".");
  const addr = (a: string) => {
    const [d, b, sf] = a.split(":");
    const [s, f] = sf.split(".");
    return `<address domain='0x${d}' bus='0x${b}' slot='0x${s}' function='0x${f}'/>`;
  };
  return `<device>
  <name>pci_${address.replace(/[:.]/g, "_")}</name>
  <parent>computer</parent>
  ${driver ? `<driver><name>${driver}</name></driver>` : ""}
  <capability type='pci'>
    <class>0x${klass}</class>
    <domain>${parseInt(domain, 16)}</domain><bus>${parseInt(bus, 16)}</bus>
    <slot>${parseInt(slot, 16)}</slot><function>${parseInt(fn, 16)}</function>
    <product id='0x${product}'/>
    <vendor id='0x${vendor}'/>
    ${inner}
    ${
    group === undefined
      ? ""
      : `<iommuGroup number='${group}'>${[address, ...peers].map(addr).join("")}</iommuGroup>`
  }
  </capability>
</device>`;
}

/** An NVIDIA Tesla T4 (10de:1eb8, a display controller) at `address`, as libvirt describes one. */
export function testGpu(
  address: string,
  more: { group?: number; peers?: string[]; inner?: string; driver?: string } = {},
): string {
  return testPciDevice(address, { klass: "030000", vendor: "10de", product: "1eb8", ...more });
}

/** The mediated types of a T4: GRID T4-1B (nvidia-222) with `free` instances left. */
export function t4MdevTypes(free: number, more = ""): string {
  return `<capability type='mdev_types'>
    <type id='nvidia-222'><name>GRID T4-1B</name><deviceAPI>vfio-pci</deviceAPI>
      <availableInstances>${free}</availableInstances></type>${more}</capability>`;
}

/** A mediated device instance of `type` on the PCI device `parent` (its node device name). */
export function testMdev(uuid: string, parent = "pci_0000_41_00_0", type = "nvidia-222") {
  const name = `mdev_${uuid.replaceAll("-", "_")}_${parent.replace(/^pci_/, "")}`;
  return {
    name,
    xml: `<device><name>${name}</name><parent>${parent}</parent>
      <capability type='mdev'><type id='${type}'/><uuid>${uuid}</uuid></capability></device>`,
  };
}
