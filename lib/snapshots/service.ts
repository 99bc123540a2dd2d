// Snapshots of a VM: create (with memory when running), list as a tree, revert and delete.
// Internal snapshots only: libvirt 9.0 cannot revert external ones
// (https://libvirt.org/kbase/snapshots.html), so a running VM is always snapshotted with memory.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { SnapshotCreateFlags, SnapshotDeleteFlags } from "../../ffi/libvirt/snapshot.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { domainProtect } from "../vms/protection.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { VmState } from "../../shared/vms.ts";
import { checkSnapshotInput } from "./input.ts";
import { snapshotTree, withDescendants } from "./tree.ts";
import type { SnapshotInfo, SnapshotList } from "../../shared/snapshots.ts";
import { buildSnapshotXml, domainSnapshotFacts, parseSnapshotXml } from "./xml.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

export interface SnapshotServiceDeps {
  client: LibvirtClient;
  emit: (e: AppEvent) => void;
  /** The clock for generated names (tests); the system clock by default. */
  now?: () => Date;
}

/** VIR_ERR_SNAPSHOT_REVERT_RISKY: reverting would need VIR_DOMAIN_SNAPSHOT_REVERT_FORCE. */
const REVERT_RISKY = 81;

/** libvirt error codes that mean "libvirt will not do this", not "it broke". */
const REFUSALS = new Set<number>([
  ErrorCode.NO_SUPPORT,
  ErrorCode.INVALID_ARG,
  ErrorCode.OPERATION_INVALID,
  ErrorCode.CONFIG_UNSUPPORTED,
  ErrorCode.ARGUMENT_UNSUPPORTED,
  ErrorCode.OPERATION_UNSUPPORTED,
  REVERT_RISKY,
]);

const PFLASH_HINT = tKey(
  "UEFI firmware keeps its variables in a separate pflash NVRAM file, which this libvirt version cannot put in an internal snapshot of a running VM: shut the VM down to snapshot its disks, or back it up instead.",
);

/** VM states in which a snapshot holds memory (the domain is active). */
const ACTIVE: VmState[] = ["running", "paused", "suspended"];

/** `cause`: libvirt's refusal, when it was libvirt's. */
const unsupported = (message: string, cause?: unknown) =>
  new AppError("SNAPSHOT_UNSUPPORTED", message, undefined, { cause });

/** A libvirt failure on a snapshot in the API's words; refusals keep libvirt's words in a 409. */
function snapshotError(
  err: unknown,
  { id, name, failed, hint }: { id: string; name?: string; failed: string; hint?: string },
): Error {
  if (err instanceof LibvirtError) {
    if (err.code === ErrorCode.NO_DOMAIN_SNAPSHOT) {
      return new AppError(
        "SNAPSHOT_NOT_FOUND",
        t("Snapshot not found: {{name}}", { name: String(name) }),
        undefined,
        { cause: err },
      );
    }
    if (REFUSALS.has(err.code)) {
      return unsupported(`${failed}: ${err.message}${hint ? ` (${hint})` : ""}`, err);
    }
  }
  return fromLibvirt(err, { id, failed });
}

export class SnapshotService {
  constructor(readonly deps: SnapshotServiceDeps) {}

  /** The VM's snapshots in tree order and the current one's name. */
  async list(vmId: string): Promise<SnapshotList> {
    const snapshots = await this.#tree(checkVmId(vmId));
    return { snapshots, current: snapshots.find((s) => s.current)?.name ?? null };
  }

  /**
   * Creates a snapshot; `input` is validated here ({name?, description?, memory?, quiesce?}).
   * A running or paused VM is snapshotted with its memory; a disk-only snapshot of it is
   * refused (it would be external, which libvirt 9.0 cannot revert). Quiescing is refused too:
   * libvirt quiesces only disk-only snapshots, and a snapshot with memory needs none.
   */
  async create(vmId: string, input: unknown): Promise<SnapshotInfo> {
    checkVmId(vmId);
    const want = checkSnapshotInput(input, (this.deps.now ?? (() => new Date()))());
    const { client } = this.deps;
    let dom;
    try {
      dom = await client.call("domainGet", vmId);
    } catch (err) {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
    }
    const state = vmState(dom.state);
    const active = ACTIVE.includes(state);
    const facts = domainSnapshotFacts(dom.xml);
    if (want.memory === false && active) {
      throw unsupported(withoutMemory(dom.name, state));
    }
    if (want.memory === true && !active) {
      throw unsupported(
        t("Cannot include memory: VM {{name}} is not running", { name: dom.name }),
      );
    }
    if (want.quiesce === true) {
      if (!facts.agentConnected) {
        throw new AppError(
          "AGENT_UNAVAILABLE",
          t(
            "Cannot quiesce: no guest agent answers in VM {{name}} (it needs qemu-guest-agent running and an org.qemu.guest_agent.0 channel)",
            { name: dom.name },
          ),
        );
      }
      throw unsupported(
        t(
          "Cannot quiesce a snapshot with memory: libvirt freezes guest filesystems only for disk-only snapshots. A snapshot with memory needs no freeze: reverting resumes the guest exactly as it ran.",
        ),
      );
    }

    const existing = await this.#tree(dom.uuid);
    const name = freeName(want.name, want.generated, new Set(existing.map((s) => s.name)));
    const xml = buildSnapshotXml({ name, description: want.description, memory: active });
    // VALIDATE: libvirt checks every disk can be snapshotted before touching any.
    await this.#change(
      dom.uuid,
      () => client.call("snapshotCreate", dom.uuid, xml, SnapshotCreateFlags.VALIDATE),
      {
        id: vmId,
        name,
        failed: t("Cannot create snapshot {{name}}", { name }),
        hint: facts.pflash ? t(PFLASH_HINT) : undefined,
      },
    );
    const made = (await this.#tree(dom.uuid)).find((s) => s.name === name);
    if (!made) {
      throw new AppError("INTERNAL_ERROR", t("Snapshot {{name}} vanished after create", { name }));
    }
    return { ...made, quiesced: false };
  }

  /** Reverts the VM to a snapshot; returns the VM's state afterwards (the snapshot's). */
  async revert(vmId: string, name: string): Promise<{ state: VmState }> {
    const { client } = this.deps;
    const uuid = await this.#uuid(vmId);
    // Protection is the VM's, not the snapshot's: libvirt's revert puts back the definition the
    // snapshot holds, so the mark the VM has now is set again after it (lib/vms/protection.ts).
    const guarded = await client.call("domainXml", uuid, XmlFlags.INACTIVE)
      .then((xml) => Boolean(parseDomainXml(xml).protected), () => null);
    await this.#change(uuid, () => client.call("snapshotRevert", uuid, name, 0), {
      id: vmId,
      name,
      failed: t("Cannot revert to snapshot {{name}}", { name }),
    });
    if (guarded !== null) await domainProtect({ client, id: uuid, on: guarded });
    try {
      return { state: vmState((await client.call("domainState", uuid)).state) };
    } catch (err) {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
    }
  }

  /**
   * Deletes a snapshot, with its descendants when `children`; without, its children move up to
   * its parent. Returns the names deleted, in tree order.
   */
  async delete(
    vmId: string,
    name: string,
    { children = false }: { children?: boolean } = {},
  ): Promise<{ deleted: string[] }> {
    const uuid = await this.#uuid(vmId);
    const tree = await this.#tree(uuid);
    if (!tree.some((s) => s.name === name)) {
      throw new AppError("SNAPSHOT_NOT_FOUND", t("Snapshot not found: {{name}}", { name }));
    }
    const deleted = children ? withDescendants(tree, name) : [name];
    const flags = children ? SnapshotDeleteFlags.CHILDREN : 0;
    await this.#change(uuid, () => this.deps.client.call("snapshotDelete", uuid, name, flags), {
      id: vmId,
      name,
      failed: t("Cannot delete snapshot {{name}}", { name }),
    });
    return { deleted };
  }

  /**
   * One libvirt change of VM `uuid`'s snapshots: a failure in the API's words (snapshotError with
   * `words`), else the pages are told its snapshots changed.
   */
  async #change(
    uuid: string,
    call: () => Promise<unknown>,
    words: Parameters<typeof snapshotError>[1],
  ): Promise<void> {
    try {
      await call();
    } catch (err) {
      throw snapshotError(err, words);
    }
    this.deps.emit({ type: "snapshots-changed", vmId: uuid });
  }

  async #uuid(vmId: string): Promise<string> {
    checkVmId(vmId);
    try {
      return (await this.deps.client.call("domainState", vmId)).uuid;
    } catch (err) {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
    }
  }

  async #tree(vmId: string): Promise<SnapshotInfo[]> {
    let records;
    try {
      records = await this.deps.client.call("snapshotList", vmId);
    } catch (err) {
      throw fromLibvirt(err, { id: vmId, failed: t("Failed to list snapshots") });
    }
    return snapshotTree(
      records.map((r) => ({ ...parseSnapshotXml(r.xml), name: r.name, current: r.current })),
    );
  }
}

/** `name`, or for a generated one that is taken, `name-2`, `name-3` …; 409 for a chosen one. */
function freeName(name: string, generated: boolean, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  if (!generated) {
    throw new AppError("SNAPSHOT_EXISTS", t("Snapshot already exists: {{name}}", { name }));
  }
  let n = 2;
  while (taken.has(`${name}-${n}`)) n++;
  return `${name}-${n}`;
}

/** Why an active VM is not snapshotted without its memory, in the request's language. */
function withoutMemory(name: string, state: VmState): string {
  switch (state) {
    case "paused":
      return t(
        "Cannot snapshot {{name}} without its memory while it is paused: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.",
        { name },
      );
    case "suspended":
      return t(
        "Cannot snapshot {{name}} without its memory while it is suspended: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.",
        { name },
      );
    default:
      return t(
        "Cannot snapshot {{name}} without its memory while it is running: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.",
        { name },
      );
  }
}
