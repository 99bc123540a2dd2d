// The network service behind /api/networks: list, create, start/stop, autostart, delete,
// DHCP ranges and static hosts changed live through virNetworkUpdate, leases.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { NetworkUpdateSection } from "../../ffi/libvirt/network.ts";
import type { NetworkChange, NetworkSnapshot } from "../../ffi/libvirt/ops/network.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { validated } from "../validate.ts";
import { AutostartBody } from "../storage/pool_input.ts";
import { parseIpv4, subnetOf } from "../../shared/ipv4.ts";
import { checkDhcpHost, checkNetworkCreate, rangesOfBody } from "./input.ts";
import { type HostNet, localHostNet } from "./host_net.ts";
import { checkExistingName } from "../existing_name.ts";
import type { NetworkFacts, PortForwardService } from "../firewall/port_forwards.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { DhcpLease, NetworkInfo, PortForward } from "../../shared/networks.ts";
import { hostXml, networkFacts, networkXml, rangeXml } from "../xml/network_xml.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";

/** What port forwarding needs to know about a network. */
export function forwardTarget(n: NetworkInfo): NetworkFacts {
  return {
    name: n.name,
    mode: n.mode,
    bridge: n.bridge,
    subnet: n.ipv4?.subnet ?? null,
    gateway: n.ipv4?.address,
    active: n.active,
  };
}

const checkName = (name: string) => checkExistingName(name, "network");

export class NetworkService {
  #client: LibvirtClient;
  #emit: (e: AppEvent) => void;
  #forwards: PortForwardService | null;
  #hostNet: HostNet;

  constructor(
    client: LibvirtClient,
    emit: (e: AppEvent) => void,
    forwards: PortForwardService | null = null,
    hostNet: HostNet = localHostNet,
  ) {
    this.#client = client;
    this.#emit = emit;
    this.#forwards = forwards;
    this.#hostNet = hostNet;
  }

  #info(n: NetworkSnapshot): NetworkInfo {
    return {
      name: n.name,
      uuid: n.uuid,
      active: n.active,
      autostart: n.autostart,
      persistent: n.persistent,
      ...networkFacts(n.xml),
      portForwardCount: this.#forwards?.count(n.name) ?? 0,
    };
  }

  async list(): Promise<NetworkInfo[]> {
    try {
      const nets = await this.#client.call("networkList");
      return nets.map((n) => this.#info(n)).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list networks") });
    }
  }

  async get(name: string): Promise<NetworkInfo> {
    checkName(name);
    try {
      return this.#info(await this.#client.call("networkGet", name));
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Network not found") });
    }
  }

  /**
   * Re-applies port forwards for the networks as they are now; never fails the caller. Calls
   * while one runs share a single run after it (a burst of network events applies twice, not once
   * per event), which reads the networks only when it starts, so it sees every change before it.
   */
  reconcileForwards(): Promise<void> {
    if (this.#nextReconcile) return this.#nextReconcile;
    const run = (): Promise<void> => {
      this.#nextReconcile = null;
      this.#reconciling = this.#reconcileOnce().finally(() => this.#reconciling = null);
      return this.#reconciling;
    };
    if (!this.#reconciling) return run();
    this.#nextReconcile = this.#reconciling.then(run, run);
    return this.#nextReconcile;
  }
  #reconciling: Promise<void> | null = null;
  #nextReconcile: Promise<void> | null = null;

  async #reconcileOnce(): Promise<void> {
    if (!this.#forwards) return;
    try {
      await this.#forwards.reconcile(async () => (await this.list()).map(forwardTarget));
    } catch (err) {
      console.error(`Port forwards not re-applied: ${(err as Error).message}`);
    }
  }

  #changed(network: string) {
    this.#emit({ type: "network-changed", network });
  }

  async create(input: unknown): Promise<NetworkInfo> {
    const req = await checkNetworkCreate(input, await this.list(), this.#hostNet);
    try {
      const net = this.#info(
        await callMake(this.#client, "networkDefine", networkXml(req.spec), {
          start: req.start,
          autostart: req.autostart,
        }),
      );
      this.#changed(net.name);
      return net;
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to create network {{name}}", { name: req.spec.name }),
      });
    }
  }

  async action(name: string, action: string): Promise<NetworkInfo> {
    checkName(name);
    if (action !== "start" && action !== "stop") {
      throw new AppError("NOT_FOUND", t('Unknown network action "{{action}}"', { action }));
    }
    try {
      const net = this.#info(await this.#client.call("networkAction", name, action));
      this.#changed(name);
      // Starting re-creates libvirt's own firewall rules; ours must stay in front of them.
      if (action === "start") await this.reconcileForwards();
      return net;
    } catch (err) {
      throw fromLibvirt(err, {
        failed: action === "start"
          ? t("Failed to start network {{name}}", { name })
          : t("Failed to stop network {{name}}", { name }),
      });
    }
  }

  async update(name: string, input: unknown): Promise<NetworkInfo> {
    checkName(name);
    const { autostart } = validated(AutostartBody, input);
    try {
      const net = this.#info(await this.#client.call("networkSetAutostart", name, autostart));
      this.#changed(name);
      return net;
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to set autostart of network {{name}}", { name }),
      });
    }
  }

  /**
   * Removes the network's port forwards, then stops and undefines it. Forwards go first: when
   * the firewall refuses, the network is still all there.
   */
  async delete(name: string): Promise<void> {
    await this.get(name);
    await this.#forwards?.removeAll(name);
    try {
      await this.#client.call("networkDelete", name);
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to delete network {{name}}", { name }) });
    } finally {
      this.#changed(name);
    }
  }

  #forwardService(): PortForwardService {
    if (!this.#forwards) {
      throw new AppError("NOT_SUPPORTED", t("Port forwarding is not set up in this server"));
    }
    return this.#forwards;
  }

  async forwards(name: string): Promise<PortForward[]> {
    await this.get(name);
    return this.#forwardService().list(name);
  }

  async addForward(name: string, input: unknown): Promise<PortForward> {
    const net = await this.get(name);
    const forward = await this.#forwardService().add(forwardTarget(net), input);
    this.#changed(name);
    return forward;
  }

  async removeForward(name: string, id: string): Promise<void> {
    await this.get(name);
    if (!/^[1-9]\d{0,15}$/.test(id)) {
      throw new AppError(
        "NOT_FOUND",
        t("Port forward {{id}} not found on network {{network}}", { id, network: name }),
      );
    }
    await this.#forwardService().remove(name, Number(id));
    this.#changed(name);
  }

  async #ipv4(name: string): Promise<NonNullable<NetworkInfo["ipv4"]>> {
    const net = await this.get(name);
    if (!net.ipv4) {
      throw new AppError(
        "INVALID_STATE",
        t("Network {{name}} has no IPv4 subnet of its own", { name }),
      );
    }
    return net.ipv4;
  }

  /** `failed`: the words a libvirt refusal is prefixed with. */
  async #apply(name: string, changes: NetworkChange[], failed: string): Promise<NetworkInfo> {
    try {
      const net = this.#info(await this.#client.call("networkUpdate", name, changes));
      this.#changed(name);
      return net;
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
  }

  /**
   * Replaces the DHCP ranges. New ranges are added before old ones are removed, so a refused
   * change leaves the old ranges in place.
   */
  async setDhcp(name: string, input: unknown): Promise<NetworkInfo> {
    const ipv4 = await this.#ipv4(name);
    const gateway = parseIpv4(ipv4.address)!;
    const wanted = rangesOfBody(input, subnetOf(gateway, ipv4.prefix), gateway);
    const key = (r: { start: string; end: string }) => `${r.start}-${r.end}`;
    const have = new Set(ipv4.ranges.map(key));
    const want = new Set(wanted.map(key));
    const section = NetworkUpdateSection.IP_DHCP_RANGE;
    const changes: NetworkChange[] = [
      ...wanted.filter((r) => !have.has(key(r))).map((r) => ({
        command: "add" as const,
        section,
        xml: rangeXml(r),
      })),
      ...ipv4.ranges.filter((r) => !want.has(key(r))).map((r) => ({
        command: "delete" as const,
        section,
        xml: rangeXml(r),
      })),
    ];
    return await this.#apply(
      name,
      changes,
      t("Failed to change the DHCP range of network {{name}}", { name }),
    );
  }

  async addHost(name: string, input: unknown): Promise<NetworkInfo> {
    const host = checkDhcpHost(input, await this.#ipv4(name));
    return await this.#apply(
      name,
      [{ command: "add", section: NetworkUpdateSection.IP_DHCP_HOST, xml: hostXml(host) }],
      t("Failed to add a static host of network {{name}}", { name }),
    );
  }

  async removeHost(name: string, mac: string): Promise<NetworkInfo> {
    const ipv4 = await this.#ipv4(name);
    const host = ipv4.hosts.find((h) => h.mac === mac.toLowerCase());
    if (!host) {
      throw new AppError(
        "NOT_FOUND",
        t("No static host with MAC {{mac}} on {{name}}", { mac, name }),
      );
    }
    return await this.#apply(
      name,
      [{ command: "delete", section: NetworkUpdateSection.IP_DHCP_HOST, xml: hostXml(host) }],
      t("Failed to remove a static host of network {{name}}", { name }),
    );
  }

  /**
   * The VM of each NIC's MAC address on this host, for naming a lease's VM; empty when the
   * definitions cannot be read (the leases are shown all the same).
   */
  async #nicOwners(network: string): Promise<Map<string, { id: string; name: string }>> {
    return nicOwners(await this.#client.call("domainXmlList").catch(() => []), network);
  }

  async leases(name: string): Promise<DhcpLease[]> {
    checkName(name);
    try {
      const [leases, owners] = await Promise.all([
        this.#client.call("networkLeases", name),
        this.#nicOwners(name),
      ]);
      return leases.map((l) => ({
        mac: l.mac,
        ip: l.ip,
        prefix: l.prefix,
        hostname: l.hostname,
        clientId: l.clientId,
        expiresAt: l.expiryTime > 0 ? new Date(l.expiryTime * 1000).toISOString() : null,
        vm: owners.get(l.mac.toLowerCase()) ?? null,
      }));
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to read the DHCP leases of {{name}}", { name }),
      });
    }
  }
}

/**
 * Each MAC address (lowercase) of a NIC on `network` to its VM, from the VMs' definitions; a
 * running VM wins over a stopped one with the same MAC (a clone not started yet). A lease only
 * names a VM: a guest can ask for an address with another's MAC, so this is no proof of who has it.
 */
export function nicOwners(
  domains: { uuid: string; name: string; xml: string; active?: boolean }[],
  network: string,
): Map<string, { id: string; name: string }> {
  const owners = new Map<string, { id: string; name: string }>();
  const ordered = [...domains.filter((d) => !d.active), ...domains.filter((d) => d.active)];
  for (const d of ordered) {
    try {
      for (const nic of parseDomainXml(d.xml).networkInterfaces) {
        if (!nic.mac || nic.type !== "network" || nic.network !== network) continue;
        owners.set(nic.mac.toLowerCase(), { id: d.uuid, name: d.name });
      }
    } catch {
      // A definition that does not parse names no lease.
    }
  }
  return owners;
}
