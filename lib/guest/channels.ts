// What a domain's live XML says about its guest-agent channels and network cards: which
// virtio-serial channels exist, whether the guest side has them open (libvirt's
// `state='connected'`), and where our channel's host socket is.

import { KVMM_AGENT_CHANNEL, QEMU_AGENT_CHANNEL } from "../xml/domain_build.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";

export interface ChannelFacts {
  /** The live XML carries an `id`: the domain runs (or is paused). */
  active: boolean;
  qemu: { configured: boolean; connected: boolean };
  kvmm: { configured: boolean; connected: boolean; socket: string | null };
  /** MAC addresses of the domain's network cards. */
  macs: string[];
}

export function channelFacts(liveXml: string): ChannelFacts {
  return channelFactsOf(parseXml(liveXml).domain ?? {});
}

/** The same from an already parsed `<domain>` element. */
export function channelFactsOf(dom: XmlNode): ChannelFacts {
  const channels: XmlNode[] = dom.devices?.channel ?? [];
  const find = (name: string) =>
    channels.find((c) => c.target?.["@type"] === "virtio" && c.target?.["@name"] === name);
  const qemu = find(QEMU_AGENT_CHANNEL);
  const kvmm = find(KVMM_AGENT_CHANNEL);
  const socket = kvmm?.["@type"] === "unix" ? kvmm.source?.["@path"] ?? null : null;
  const interfaces: XmlNode[] = dom.devices?.interface ?? [];
  return {
    active: dom["@id"] !== undefined && dom["@id"] !== "-1",
    qemu: { configured: !!qemu, connected: qemu?.target?.["@state"] === "connected" },
    kvmm: {
      configured: !!kvmm,
      // libvirt marks virtio channels connected/disconnected as the guest opens its end; with
      // no mark (an older QEMU) the only way to know is to ask.
      connected: !!kvmm && kvmm.target?.["@state"] !== "disconnected",
      socket: typeof socket === "string" ? socket : null,
    },
    macs: interfaces.map((i) => i.mac?.["@address"]).filter((m): m is string => !!m),
  };
}
