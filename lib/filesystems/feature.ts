// The shared-folder service of one host: this machine's virtiofsd found on disk, a remote
// host's virtiofs support read from its domain capabilities.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { type Config, DEFAULT_STORAGE_ROOTS } from "../config.ts";
import type { VmLock } from "../vms/lock.ts";
import { SharedFolders } from "./service.ts";
import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { localVirtiofsSupport, remoteVirtiofsSupport, type VirtiofsSupport } from "./virtiofsd.ts";
import { READONLY_HELPER_NAME } from "../xml/filesystem_xml.ts";
import { onThisMachine } from "../this_host/same_machine.ts";

/**
 * The demo's (libvirt's test driver, where nothing runs): virtiofs offered, libvirt's own pick of
 * the binary, and the read-only helper named but never written.
 */
const demoSupport = (dataDir: string): VirtiofsSupport => ({
  available: true,
  binary: null,
  reason: null,
  readOnlyHelper: () => Promise.resolve(`${dataDir}/${READONLY_HELPER_NAME}`),
});

function sharedFoldersOf(config: Config, client: LibvirtClient, lock: VmLock) {
  const local = onThisMachine(config.uri);
  return new SharedFolders({
    client,
    lock,
    roots: config.storageRoots ?? DEFAULT_STORAGE_ROOTS,
    local,
    dataDir: config.dataDir,
    support: config.demo
      ? () => Promise.resolve(demoSupport(config.dataDir))
      : local
      ? () => localVirtiofsSupport({ helperDir: config.dataDir })
      : () =>
        client.read("domainCapabilities", "qemu", null).then(
          (xml) => remoteVirtiofsSupport(xml),
          () => remoteVirtiofsSupport(null),
        ),
  });
}

/** VMs' shared folders (virtiofs) as a feature (lib/feature.ts): made for a host on first use. */
export const sharedFoldersFeature = feature({
  name: "shared folders",
  scope: "host",
  make: ({ config, client, lock }: FeatureParts) => ({
    services: sharedFoldersOf(config, client, lock),
  }),
});
