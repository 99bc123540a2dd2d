// The volume service behind /api/pools/:pool/volumes: list, create, resize, clone, delete, and
// uploads and downloads streamed chunk by chunk, never held whole in memory: through the file
// opened once in a local folder pool (pinned_file.ts), through libvirt elsewhere.

import type { LibvirtClient, Transfer } from "../../ffi/libvirt/client.ts";
import { LibvirtError } from "../../ffi/libvirt/error.ts";
import { AppError, badRequest, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { validated } from "../validate.ts";
import { checkExistingName } from "../existing_name.ts";
import { volumeDetails } from "./lookups.ts";
import { type LinkedClone, linkedClones, refuseBase } from "./linked.ts";
import { flattenVolume } from "./flatten.ts";
import { convertVolume } from "./convert.ts";
import { growFile } from "./grow.ts";
import { checkVolumeSource, localPoolRoot, pinNewVolume, pinVolume } from "./pinned_volume.ts";
import { copyLocalVolume, newLocalVolume } from "./pinned_copy.ts";
import { type AppEvent } from "../../shared/events.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import { volumeXml } from "../xml/volume_xml.ts";
import { currentTask } from "../tasks/current.ts";
import { pulledStream, sendBody, streamPinned, TRANSFER_CHUNK } from "./volume_streams.ts";
import type { PinnedFile } from "./pinned_file.ts";
import {
  bytesOf,
  checkNewName,
  GIB,
  VOLUME_CODES,
  VolumeCloneBody,
  VolumeConvertBody,
  VolumeCreateBody,
  VolumeResizeBody,
} from "./volume_input.ts";

// The routes and other modules take these from here, with the service.
export {
  VOLUME_CODES,
  VolumeCloneBody,
  VolumeConvertBody,
  VolumeCreateBody,
  volumeNameIssue,
  volumeNameRule,
  VolumeResizeBody,
} from "./volume_input.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

const info = (v: Parameters<typeof volumeDetails>[0]): VolumeInfo => volumeDetails(v);

export class VolumeService {
  #client: LibvirtClient;
  #emit: (e: AppEvent) => void;

  constructor(client: LibvirtClient, emit: (e: AppEvent) => void) {
    this.#client = client;
    this.#emit = emit;
  }

  async list(pool: string): Promise<VolumeInfo[]> {
    checkExistingName(pool);
    try {
      const vols = await this.#client.call("poolVolumes", pool);
      return vols.map(info).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list the volumes of {{pool}}", { pool }) });
    }
  }

  async get(pool: string, name: string): Promise<VolumeInfo> {
    checkExistingName(pool);
    checkExistingName(name, "volume");
    try {
      return info(await this.#client.call("volumeGet", pool, name));
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Volume {{name}} not found in {{pool}}", { name, pool }),
      });
    }
  }

  /** 409 when the pool already has a volume called `name`. */
  async #mustBeNew(pool: string, name: string): Promise<void> {
    const vols = await this.list(pool);
    if (vols.some((v) => v.name === name)) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("Volume already exists in {{pool}}: {{name}}", { pool, name }),
      );
    }
  }

  /**
   * A new empty volume. In a local folder pool libvirt makes an empty raw file and we size or
   * format it through the file opened once (pinned_copy.ts newLocalVolume): libvirt's own qcow2
   * creation runs `qemu-img create` on the name, which wrote a qcow2 header into whatever file a
   * link swapped in for the new name led to. Other pools' volumes (LVM, iSCSI, a remote host's)
   * are no files here: libvirt makes them on their host.
   */
  async create(pool: string, input: unknown): Promise<VolumeInfo> {
    checkExistingName(pool);
    const body = validated(VolumeCreateBody, input, VOLUME_CODES);
    const { name } = body;
    const format = body.format ?? "qcow2";
    const bytes = bytesOf(body.sizeGb);
    await this.#mustBeNew(pool, name);
    const made: string[] = [];
    try {
      const local = await newLocalVolume(this.#client, {
        pool,
        name,
        bytes,
        format,
        label: `Volume ${name}`,
        made,
      });
      const vol = local ?? await callMake(
        this.#client,
        "volumeCreate",
        pool,
        volumeXml(name, bytes, format),
      );
      this.#emit({ type: "storage-changed", pool });
      return local ? await this.get(pool, name) : info(vol);
    } catch (err) {
      if (made.length) await this.#client.call("volumeDeleteIn", pool, name).catch(() => {});
      throw fromLibvirt(err, { failed: t("Failed to create volume {{name}}", { name }) });
    }
  }

  async delete(pool: string, name: string): Promise<void> {
    const vol = await this.get(pool, name);
    await refuseInUse(this.#client, [vol.path]);
    await refuseBase(this.#client, vol.path);
    try {
      await this.#client.call("volumeDeleteIn", pool, name);
      this.#emit({ type: "storage-changed", pool });
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to delete volume {{name}}", { name }) });
    }
  }

  /**
   * Grows a volume; shrinking would destroy data, so it is refused. The volume passes the one
   * disk-source check first; in a local folder pool its file is then grown through the file
   * opened and checked once (pinned_volume.ts): libvirt's resize opens it by name, following a
   * link swapped in meanwhile (it grew /etc/shadow in a review).
   */
  async resize(pool: string, name: string, input: unknown): Promise<VolumeInfo> {
    const body = validated(VolumeResizeBody, input, VOLUME_CODES);
    const bytes = bytesOf(body.sizeGb);
    const vol = await this.get(pool, name);
    const onlyGrow = (capacity: number) =>
      new AppError(
        "INVALID_SIZE",
        t("Volumes can only grow: {{name}} is already {{size}} GB", {
          name,
          size: String(+(capacity / GIB).toFixed(2)),
        }),
        { field: "sizeGb" },
      );
    if (bytes <= vol.capacityBytes) throw onlyGrow(vol.capacityBytes);
    await this.#staysInPool(vol, { sizes: true });
    const root = await localPoolRoot(this.#client, pool);
    if (root === null) {
      // Other pools' volumes (LVM, iSCSI, a remote host's) are not files we can reach here:
      // libvirt resizes them on their host.
      try {
        const resized = await this.#client.call("volumeResizeIn", pool, name, bytes);
        this.#emit({ type: "storage-changed", pool });
        return info(resized);
      } catch (err) {
        throw fromLibvirt(err, { failed: t("Failed to resize volume {{name}}", { name }) });
      }
    }
    await growFile(this.#client, vol, root, bytes, onlyGrow);
    await this.#client.call("poolRefresh", pool).catch(() => {});
    this.#emit({ type: "storage-changed", pool });
    return await this.get(pool, name);
  }

  /** A foreign disk (vmdk, vhdx, vhd, vdi …) copied into a new qcow2 or raw volume. */
  async convert(pool: string, name: string, input: unknown): Promise<VolumeInfo> {
    const body = validated(VolumeConvertBody, input, VOLUME_CODES);
    const source = await this.get(pool, name);
    await this.#mustBeNew(pool, body.name);
    await convertVolume(this.#client, source, body).catch((err) => {
      // A libvirt call failing while the new volume's name is swapped (libvirt answered "no
      // storage vol with matching path" for it) is that call's refusal, not a 500.
      throw fromLibvirt(err, { failed: t("Failed to convert {{name}}", { name }) });
    });
    await this.#client.call("poolRefresh", pool).catch(() => {});
    this.#emit({ type: "storage-changed", pool });
    return await this.get(pool, body.name);
  }

  /** Makes a linked clone independent of its base (lib/storage/flatten.ts). */
  async flatten(pool: string, name: string): Promise<VolumeInfo> {
    const vol = await this.get(pool, name);
    await flattenVolume(this.#client, vol);
    await this.#client.call("poolRefresh", pool).catch(() => {});
    this.#emit({ type: "storage-changed", pool });
    return await this.get(pool, name);
  }

  /** The linked clones of a volume (overlays whose base it is) and the VMs using them. */
  async clones(pool: string, name: string): Promise<LinkedClone[]> {
    const vol = await this.get(pool, name);
    return await this.clonesOf(vol.path);
  }

  /** The linked clones of the volume at `path`; none when it is no volume. */
  async clonesOf(path: string): Promise<LinkedClone[]> {
    return await linkedClones(this.#client, path).catch((err) => {
      throw fromLibvirt(err, {
        failed: t("Failed to list the linked clones of {{name}}", { name: path }),
      });
    });
  }

  /**
   * A full copy of a volume under a new name, in the same pool and format. In a local folder
   * pool the source's chain and the new volume are opened once and qemu-img copies between those
   * opened files (pinned_copy.ts copyLocalVolume), cancellable through the task: libvirt's clone
   * opens both by name, so a link swapped in read a file outside into the copy, or (qcow2: its
   * `qemu-img convert`) wrote the copy over a file outside. Other pools' volumes (LVM, iSCSI, a
   * remote host's) are no files here: libvirt copies them on their host.
   */
  async clone(pool: string, name: string, input: unknown): Promise<VolumeInfo> {
    const newName = validated(VolumeCloneBody, input, VOLUME_CODES).name;
    const source = await this.get(pool, name);
    await this.#staysInPool(source, { sizes: true });
    await this.#mustBeNew(pool, newName);
    const made: string[] = [];
    try {
      const local = await copyLocalVolume(this.#client, {
        source,
        pool,
        name: newName,
        label: `Volume ${name}`,
        made,
      });
      if (local) {
        this.#emit({ type: "storage-changed", pool });
        return await this.get(pool, newName);
      }
      const xml = volumeXml(newName, source.capacityBytes, source.format ?? "raw");
      const vol = await callMake(this.#client, "volumeCloneIn", pool, name, xml);
      this.#emit({ type: "storage-changed", pool });
      return info(vol);
    } catch (err) {
      if (made.length) {
        await this.#client.call("volumeDeleteIn", pool, newName).catch(() => {});
        this.#emit({ type: "storage-changed", pool });
      }
      throw fromLibvirt(err, { failed: t("Failed to clone volume {{name}}", { name }) });
    }
  }

  /**
   * Creates raw volume `name` of `length` bytes and streams `body` into it; on any failure the
   * volume is deleted again, so a broken upload leaves nothing behind.
   */
  async upload(
    pool: string,
    name: string,
    length: number | null,
    body: ReadableStream<Uint8Array> | null,
  ): Promise<VolumeInfo> {
    checkExistingName(pool);
    checkNewName(name);
    if (length === null || !Number.isSafeInteger(length) || length <= 0) {
      throw new AppError(
        "LENGTH_REQUIRED",
        t("Upload needs a Content-Length header with the file's size (more than 0 bytes)"),
      );
    }
    if (!body) throw badRequest(t("Upload has no body"));
    const target = await this.#poolFor(pool);
    if (length > target.availableBytes) {
      throw new AppError(
        "NO_SPACE",
        t(
          "Not enough space in {{pool}}: the file needs {{length}} bytes, {{available}} are available",
          { pool, length: String(length), available: String(target.availableBytes) },
        ),
      );
    }
    await this.#mustBeNew(pool, name);
    let made;
    const since = Date.now();
    try {
      made = await callMake(this.#client, "volumeCreate", pool, volumeXml(name, length, "raw"));
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to create volume {{name}}", { name }) });
    }
    this.#emit({ type: "storage-changed", pool });
    let transfer: Transfer | null = null;
    let file: PinnedFile | null = null;
    let out: Deno.FsFile | null = null;
    // The request's task shows the bytes sent and can stop the upload (lib/tasks/).
    const task = currentTask();
    const stop = new AbortController();
    let ended!: () => void;
    const settled = new Promise<void>((r) => ended = r);
    task?.cancellable(() => (stop.abort(), settled));
    try {
      // In a local folder pool the new file is opened once, checked inside the pool, and written
      // through that opened file: libvirt's upload stream opens it by name, so a link swapped in
      // after libvirt made the volume would take the bytes anywhere on the host. Other pools'
      // volumes (LVM, iSCSI, a remote host's) are written by libvirt on their host.
      // The file libvirt just made, not one renamed over its name meanwhile (checkNewFile).
      file = await pinNewVolume(this.#client, { pool, name, path: made.path }, {
        since,
        size: length,
      });
      let write: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>;
      if (file) {
        const opened = out = await Deno.open(file.path, { write: true });
        write = async (bytes) => {
          for (let at = 0; at < bytes.length;) at += await opened.write(bytes.subarray(at));
        };
      } else {
        const open = transfer = await this.#client.openTransfer();
        await open.call("uploadBegin", pool, name, length);
        write = async (bytes) => void await open.call("uploadChunk", bytes);
      }
      await sendBody(write, body, length, {
        signal: stop.signal,
        progress: (sent) => task?.progress(sent / length),
      });
      task?.cancellable(null);
      if (out) await out.syncData();
      else await transfer!.call("uploadFinish");
    } catch (err) {
      await transfer?.call("transferAbort").catch(() => {});
      out?.close();
      out = null;
      await this.#client.call("volumeDeleteIn", pool, name).catch(() => {});
      this.#emit({ type: "storage-changed", pool });
      if (stop.signal.aborted) {
        const cancelled = t("Upload of {{name}} was cancelled; nothing was kept", { name });
        task?.cancelled(cancelled);
        throw new AppError("UPLOAD_INTERRUPTED", cancelled);
      }
      if (err instanceof AppError || err instanceof LibvirtError) {
        throw fromLibvirt(err, { failed: t("Failed to upload {{name}}", { name }) });
      }
      // The request body broke off: the browser cancelled or the connection dropped.
      throw new AppError(
        "UPLOAD_INTERRUPTED",
        t("Upload of {{name}} was interrupted ({{reason}}); nothing was kept", {
          name,
          reason: String((err as Error).message),
        }),
      );
    } finally {
      out?.close();
      await file?.close();
      await transfer?.close();
      ended();
    }
    // Re-read so libvirt notices the real format of what arrived (e.g. a qcow2 file).
    await this.#client.call("poolRefresh", pool).catch(() => {});
    this.#emit({ type: "storage-changed", pool });
    return await this.get(pool, name);
  }

  /** 400 DISK_SOURCE_REFUSED when reading the volume would read a file outside the pools. */
  async #staysInPool(vol: VolumeInfo, { sizes }: { sizes: boolean }): Promise<void> {
    await checkVolumeSource({
      client: this.#client,
      path: vol.path,
      label: `Volume ${vol.name}`,
      readonly: true,
      backing: true,
      sizes,
    });
  }

  async #poolFor(pool: string) {
    try {
      const p = await this.#client.call("poolGet", pool);
      if (!p.active) {
        throw new AppError("INVALID_STATE", t("Storage pool {{pool}} is not active", { pool }));
      }
      return { availableBytes: p.available };
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Storage pool not found") });
    }
  }

  /** The volume's bytes as a stream read from libvirt as the client reads it. */
  async download(
    pool: string,
    name: string,
  ): Promise<{ size: number; stream: ReadableStream<Uint8Array> }> {
    checkExistingName(pool);
    checkExistingName(name, "volume");
    const vol = await this.#client.call("volumeGet", pool, name).catch((err) => {
      throw fromLibvirt(err, {
        failed: t("Volume {{name}} not found in {{pool}}", { name, pool }),
      });
    });
    await this.#staysInPool(info(vol), { sizes: false });
    // In a local folder pool the bytes are read from the file opened once and checked inside the
    // pool: libvirt's download opens the volume by name, and read a file outside through a link
    // swapped in after the check. Other pools' volumes are read by libvirt on their host.
    const pinned = await pinVolume(this.#client, { pool, name, path: vol.path });
    if (pinned) return await streamPinned(pinned);
    const transfer = await this.#client.openTransfer().catch((err) => {
      throw fromLibvirt(err, { failed: t("Failed to download {{name}}", { name }) });
    });
    let size: number;
    try {
      size = await transfer.call("downloadBegin", pool, name);
    } catch (err) {
      await transfer.close();
      throw fromLibvirt(err, { failed: t("Failed to download {{name}}", { name }) });
    }
    const stream = pulledStream(async () => {
      const bytes = await transfer.call("downloadRead", TRANSFER_CHUNK);
      return bytes.length === 0 ? null : bytes;
    }, async () => {
      await transfer.call("transferAbort").catch(() => {});
      await transfer.close();
    });
    return { size, stream };
  }
}

/** 409 when a VM's definition uses any of `paths`: deleting it would break that VM. */
export async function refuseInUse(client: LibvirtClient, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const users = await client.call("diskUsers", paths).catch((err) => {
    throw fromLibvirt(err, { failed: t("Failed to check which VMs use the volume") });
  });
  const used = Object.entries(users);
  if (used.length === 0) return;
  const [path, vms] = used[0];
  throw new AppError(
    "VOLUME_IN_USE",
    t("{{path}} is used by VM {{vms}}: remove the disk from the VM first", {
      path,
      vms: vms.join(", "),
    }),
    { usedBy: users },
  );
}
