// A VM's shared folders (virtiofs): list, add and remove host folders inside the allowed storage
// roots. virtiofs needs the guest's memory shared: added to the definition when it is not, which
// a running VM takes at its next boot; a running VM whose memory is shared already gets the
// folder live too (libvirt hot-plugs virtiofs since 7.x). https://libvirt.org/kbase/virtiofs.html

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { Impact, XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { defineValidated } from "../vms/define.ts";
import { lookup } from "../vms/devices.ts";
import type { VmLock } from "../vms/lock.ts";
import {
  domainFilesystems,
  filesystemElementXml,
  filesystemXml,
  hasSharedMemory,
  withFilesystem,
  withoutFilesystem,
  withSharedMemory,
} from "../xml/filesystem_xml.ts";
import type { FilesystemResult, VmFilesystem } from "../../shared/filesystems.ts";
import { checkShareFolder, type FilesystemAddInput } from "./input.ts";
import type { VirtiofsSupport } from "./virtiofsd.ts";
import { checkNotSpecial, checkOwnedByRoot } from "./safety.ts";

/** A pool's folder: its `<target><path>`; null for pools without one. */
const poolFolder = (xml: string): string | null =>
  /<target>\s*<path>([^<]*)<\/path>/.exec(xml)?.[1]?.replace(/&amp;/g, "&") ?? null;
import { t } from "../../shared/i18n/t.ts";

export interface SharedFoldersOptions {
  client: LibvirtClient;
  /** The VMs' one lock: a change waits for the VM's other operations. */
  lock: VmLock;
  /** The allowed storage roots (config.storageRoots). */
  roots: string[];
  /** What the host offers; asked on each change (a package may come or go). */
  support: () => Promise<VirtiofsSupport>;
  /** Whether the host is this machine (its folders are checked here). */
  local: boolean;
  /** KVM Manager's data folder, never shared. */
  dataDir: string;
}

/** List, add and remove a VM's shared folders. */
export class SharedFolders {
  constructor(private readonly o: SharedFoldersOptions) {}

  /** The shared folders of the VM's definition (what its next boot has). */
  async list(id: string): Promise<VmFilesystem[]> {
    const vm = await lookup(
      { client: this.o.client, id },
      t("Failed to read the VM's shared folders"),
    );
    return domainFilesystems(vm.xml).map(({ element: _, ...fs }) => fs);
  }

  add(id: string, input: FilesystemAddInput): Promise<FilesystemResult> {
    return this.o.lock(id, () => this.#add(id, input));
  }

  remove(id: string, tag: string): Promise<{ live: boolean; nextBoot: true }> {
    return this.o.lock(id, () => this.#remove(id, tag));
  }

  async #add(id: string, input: FilesystemAddInput): Promise<FilesystemResult> {
    const failed = t("Failed to share folder {{tag}}", { tag: input.tag });
    const support = await this.o.support();
    if (!support.available) throw missing(support);
    const source = await checkShareFolder(input.source, this.o.roots, { local: this.o.local });
    const { client } = this.o;
    if (this.o.local) await this.#checkSafe(source, failed);
    const vm = await lookup({ client, id }, failed);
    const liveXml = vm.running ? await this.#xml(vm.uuid, 0, id, failed) : null;
    const taken = [...domainFilesystems(vm.xml), ...(liveXml ? domainFilesystems(liveXml) : [])];
    if (taken.some((fs) => fs.tag === input.tag)) {
      throw new AppError(
        "SHARED_FOLDER_EXISTS",
        t("The VM already has a shared folder with tag {{tag}}", { tag: input.tag }),
        { field: "tag" },
      );
    }
    let binary = support.binary;
    if (input.readOnly) {
      if (!support.readOnlyHelper) {
        throw new AppError(
          "VIRTIOFS_READONLY_UNSUPPORTED",
          t(
            "Read-only shared folders need KVM Manager running as root on the VM's host (libvirt 9 has no read-only virtiofs): share it writable, or make the folder read-only on the host",
          ),
          { field: "readOnly" },
        );
      }
      binary = await support.readOnlyHelper();
    }
    const device = filesystemXml({ source, tag: input.tag, binary });
    // The definition with SECURE: redefining must keep its secrets (VNC password …).
    let next = await this.#xml(vm.uuid, XmlFlags.INACTIVE | XmlFlags.SECURE, id, failed);
    const sharedMemoryAdded = !hasSharedMemory(next);
    if (sharedMemoryAdded) next = withSharedMemory(next);
    next = withFilesystem(next, device);
    // Live first, so a refused hot-plug leaves the definition alone.
    const live = liveXml !== null && hasSharedMemory(liveXml);
    if (live) await this.#device(vm.uuid, "attach", device, id, failed);
    try {
      await defineValidated(client, next, failed);
    } catch (err) {
      if (live) await this.#device(vm.uuid, "detach", device, id, failed).catch(() => {});
      throw err;
    }
    return { live, nextBoot: true, sharedMemoryAdded };
  }

  /** The folder is no one's to change but root's, and holds nothing of libvirt's or ours. */
  async #checkSafe(source: string, failed: string): Promise<void> {
    await checkOwnedByRoot(source);
    const [pools, sharedFolders] = await Promise.all([
      this.o.client.call("poolList"),
      this.o.client.call("folderSources"),
    ]).catch((err) => {
      throw fromLibvirt(err, { failed });
    });
    const poolFolders = pools.map((p) => poolFolder(p.xml)).filter((p): p is string => !!p);
    checkNotSpecial(source, { dataDir: this.o.dataDir, poolFolders, sharedFolders });
  }

  async #remove(id: string, tag: string): Promise<{ live: boolean; nextBoot: true }> {
    const failed = t("Failed to remove shared folder {{tag}}", { tag });
    const { client } = this.o;
    const vm = await lookup({ client, id }, failed);
    const liveXml = vm.running ? await this.#xml(vm.uuid, 0, id, failed) : null;
    const inLive = liveXml ? domainFilesystems(liveXml).find((fs) => fs.tag === tag) : undefined;
    const defined = await this.#xml(vm.uuid, XmlFlags.INACTIVE | XmlFlags.SECURE, id, failed);
    const next = withoutFilesystem(defined, tag);
    if (!inLive && next === null) {
      throw new AppError(
        "SHARED_FOLDER_NOT_FOUND",
        t("The VM has no shared folder with tag {{tag}}", { tag }),
      );
    }
    if (inLive) {
      await this.#device(vm.uuid, "detach", filesystemElementXml(inLive.element), id, failed);
    }
    if (next !== null) await defineValidated(client, next, failed);
    return { live: inLive !== undefined, nextBoot: true };
  }

  async #xml(uuid: string, flags: number, id: string, failed: string): Promise<string> {
    try {
      return await this.o.client.call("domainXml", uuid, flags);
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
  }

  async #device(uuid: string, kind: "attach" | "detach", xml: string, id: string, failed: string) {
    try {
      await this.o.client.call("domainDevice", uuid, kind, xml, Impact.LIVE);
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
  }
}

/** The refusal where the host cannot run virtiofs. */
function missing(support: VirtiofsSupport): AppError {
  return new AppError(
    "VIRTIOFSD_MISSING",
    support.reason === "capabilities"
      ? t(
        "This host's libvirt does not offer virtiofs: install virtiofsd there (Debian: qemu-system-common, or the virtiofsd package) and restart libvirtd",
      )
      : t(
        "virtiofsd is not installed on this host: install it (Debian: qemu-system-common, or the virtiofsd package) to share folders",
      ),
  );
}
