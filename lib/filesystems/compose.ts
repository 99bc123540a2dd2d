// The shared-folder service of one host: this machine's virtiofsd found on disk, a remote
// host's virtiofs support read from its domain capabilities.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { type Config, DEFAULT_STORAGE_ROOTS } from "../config.ts";
import type { VmLock } from "../vms/lock.ts";
import { SharedFolders } from "./service.ts";
import { localVirtiofsSupport, remoteVirtiofsSupport } from "./virtiofsd.ts";

/** A URI naming no machine (qemu:///system, qemu+unix://, test://) is this machine's. */
export const isLocalUri = (uri: string) => URL.parse(uri)?.hostname === "";

export function sharedFoldersOf(config: Config, client: LibvirtClient, lock: VmLock) {
  const local = isLocalUri(config.uri);
  return new SharedFolders({
    client,
    lock,
    roots: config.storageRoots ?? DEFAULT_STORAGE_ROOTS,
    local,
    support: local
      ? () => localVirtiofsSupport({ helperDir: config.dataDir })
      : () =>
        client.call("domainCapabilities", "qemu", null).then(
          (xml) => remoteVirtiofsSupport(xml),
          () => remoteVirtiofsSupport(null),
        ),
  });
}
