// Cloud-init NoCloud seeds: writes user-data, meta-data, network-config (static addresses, when
// asked) and the ISO for a VM whose settings passed shared/cloud_init.ts.
// NoCloud reads a volume labelled "cidata": https://docs.cloud-init.io/en/latest/reference/datasources/nocloud.html

import type { CloudInitConfig, CloudInitNetwork } from "../../shared/vms.ts";
import { given, hostnameFromVmName, keysOf, validateCloudInit } from "../../shared/cloud_init.ts";
import { buildIso } from "./iso9660.ts";

/**
 * Cloud-init YAML written as JSON, which is valid YAML: user text only ever lands inside a
 * JSON string, so quotes, colons, "#" or newlines cannot change the document's structure.
 * JSON.stringify leaves DEL, C1 controls, U+2028/9 and U+FFFE/F raw, but PyYAML (which
 * cloud-init uses) refuses those bytes, so they are escaped as \uXXXX too.
 */
function yamlJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  ) + "\n";
}

/**
 * The NoCloud `user-data` and `meta-data` texts for a VM. Raw `userData` is used as is;
 * otherwise a #cloud-config document sets the hostname, the user (sudo, bash, password hash,
 * SSH keys) or, with keys but no user, the default user's keys. Call validateCloudInit first.
 */
export function cloudInitFiles(
  ci: CloudInitConfig,
  { vmName, instanceId, mac }: { vmName: string; instanceId: string; mac?: string },
): { userData: string; metaData: string; networkConfig?: string } {
  const hostname = given(ci.hostname) ? ci.hostname! : hostnameFromVmName(vmName);
  const metaData = yamlJson({ "instance-id": instanceId, "local-hostname": hostname });
  const networkConfig = ci.network && mac ? networkConfigOf(ci.network, mac) : undefined;
  if (given(ci.userData)) {
    return { userData: ci.userData!, metaData, ...(networkConfig ? { networkConfig } : {}) };
  }

  const keys = keysOf(ci) as string[];
  const hash = given(ci.passwordHash) ? ci.passwordHash : undefined;
  const doc: Record<string, unknown> = { hostname };
  if (given(ci.user)) {
    doc.users = [{
      name: ci.user,
      sudo: "ALL=(ALL) NOPASSWD:ALL",
      shell: "/bin/bash",
      ...(hash ? { lock_passwd: false, passwd: hash } : {}),
      ...(keys.length ? { ssh_authorized_keys: keys } : {}),
    }];
  } else if (keys.length) {
    doc.ssh_authorized_keys = keys;
  }
  if (hash) doc.ssh_pwauth = true;
  return {
    userData: "#cloud-config\n" + yamlJson(doc),
    metaData,
    ...(networkConfig ? { networkConfig } : {}),
  };
}

/**
 * network-config version 2 for the NIC with this MAC (the one the VM is defined with): static
 * addresses, default routes and DNS, no DHCP.
 * https://docs.cloud-init.io/en/latest/reference/network-config-format-v2.html
 */
export function networkConfigOf(net: CloudInitNetwork, mac: string): string {
  const routes = [
    ...(given(net.gateway4) ? [{ to: "0.0.0.0/0", via: net.gateway4 }] : []),
    ...(given(net.gateway6) ? [{ to: "::/0", via: net.gateway6 }] : []),
  ];
  const dns = net.dns ?? [];
  const search = net.search ?? [];
  return yamlJson({
    version: 2,
    ethernets: {
      primary: {
        match: { macaddress: mac.toLowerCase() },
        "set-name": "eth0",
        dhcp4: false,
        dhcp6: false,
        addresses: net.addresses,
        ...(routes.length ? { routes } : {}),
        ...(dns.length || search.length
          ? {
            nameservers: {
              ...(dns.length ? { addresses: dns } : {}),
              ...(search.length ? { search } : {}),
            },
          }
          : {}),
      },
    },
  });
}

/**
 * The NoCloud seed ISO (volume "cidata" holding user-data and meta-data) for a VM.
 * Throws when `ci` does not pass validateCloudInit: callers are expected to validate first.
 */
export function buildSeedIso(
  ci: CloudInitConfig,
  opts: { vmName: string; instanceId: string; mac?: string; date?: Date },
): Uint8Array {
  const issues = validateCloudInit(ci);
  if (issues.length) throw new Error(issues.map((i) => i.message).join("; "));
  const { userData, metaData, networkConfig } = cloudInitFiles(ci, opts);
  const enc = new TextEncoder();
  return buildIso("cidata", [
    { name: "user-data", data: enc.encode(userData) },
    { name: "meta-data", data: enc.encode(metaData) },
    ...(networkConfig ? [{ name: "network-config", data: enc.encode(networkConfig) }] : []),
  ], { date: opts.date });
}
