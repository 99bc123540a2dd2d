// What the host can give a new VM: KVM, UEFI, Secure Boot and TPM, from libvirt's (domain)
// capabilities (https://libvirt.org/formatdomaincaps.html). Cached: they change only with packages.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";

export interface HostCaps {
  kvmAvailable: boolean;
  uefiAvailable: boolean;
  secureBootAvailable: boolean;
  tpmAvailable: boolean;
}

const list = (v: unknown): XmlNode[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v as XmlNode];

/** Values of `<enum name=NAME>` under an element of domain capabilities. */
function enumValues(node: XmlNode | undefined, name: string): string[] {
  const e = list(node?.enum).find((x) => x["@name"] === name);
  return list(e?.value).map((v) => String(typeof v === "object" ? v["#text"] : v));
}

/** Pure: reads domain capabilities XML (for machine q35). */
export function parseDomainCaps(xml: string): Omit<HostCaps, "kvmAvailable"> {
  const caps: XmlNode = parseXml(xml).domainCapabilities ?? {};
  const os: XmlNode | undefined = caps.os;
  const loader: XmlNode | undefined = os?.loader;
  const firmware = enumValues(os, "firmware");
  const uefi = os?.["@supported"] === "yes" &&
    (firmware.includes("efi") || list(loader?.value).length > 0);
  const tpm: XmlNode | undefined = caps.devices?.tpm;
  return {
    uefiAvailable: uefi,
    secureBootAvailable: uefi && enumValues(loader, "secure").includes("yes"),
    tpmAvailable: tpm?.["@supported"] === "yes" &&
      enumValues(tpm, "backendModel").includes("emulator"),
  };
}

const NONE: HostCaps = {
  kvmAvailable: false,
  uefiAvailable: false,
  secureBootAvailable: false,
  tpmAvailable: false,
};

/** What the checks below need of the `host` op's snapshot. */
export type HostSummary = { type: string; capabilities: string };

/** The virt type new VMs get unless they ask: kvm when the host has it. */
export function defaultVirtType(host: HostSummary): "kvm" | "qemu" | "test" {
  if (host.type === "TEST") return "test";
  return /<domain type='kvm'/.test(host.capabilities) ? "kvm" : "qemu";
}

/** Reads and caches the host's capabilities for new VMs of a virt type. */
export class HostCapsCache {
  #cache = new Map<string, Promise<HostCaps>>();

  constructor(private client: LibvirtClient) {}

  /** The capabilities for `virtType` on the host `host` describes (one read per virt type). */
  get(virtType: string, host: HostSummary): Promise<HostCaps> {
    let p = this.#cache.get(virtType);
    if (!p) {
      p = this.#read(virtType, host);
      this.#cache.set(virtType, p);
      // A failure (libvirtd down) is not remembered.
      p.catch(() => this.#cache.delete(virtType));
    }
    return p;
  }

  async #read(virtType: string, host: HostSummary): Promise<HostCaps> {
    if (host.type === "TEST") return NONE;
    const kvmAvailable = defaultVirtType(host) === "kvm";
    try {
      const xml = await this.client.read("domainCapabilities", virtType, "q35");
      return { kvmAvailable, ...parseDomainCaps(xml) };
    } catch {
      return { ...NONE, kvmAvailable };
    }
  }
}
