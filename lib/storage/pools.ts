// The storage pool service behind /api/pools: list, create, start/stop/build/refresh,
// autostart and delete, each change announced on the event stream.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { PoolSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { validated } from "../validate.ts";
import { checkExistingName } from "../existing_name.ts";
import { AutostartBody, checkPoolCreate, PoolDeleteBody } from "./pool_input.ts";
import { refuseInUse } from "./volumes.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { PoolDetail, PoolInfo } from "../../shared/storage.ts";
import { poolFacts, poolXml } from "../xml/pool_xml.ts";
import { sameMachine } from "../this_host/same_machine.ts";
import { withFreshUsage } from "./fresh_usage.ts";

export const POOL_ACTIONS = ["start", "stop", "build", "refresh"] as const;
export type PoolAction = typeof POOL_ACTIONS[number];

// Whole sentences per action and per kind of name, since the verb or the kind changes the
// sentence in other languages.
const ACTION_FAILED: Record<PoolAction, string> = {
  start: tKey("Failed to start storage pool {{name}}"),
  stop: tKey("Failed to stop storage pool {{name}}"),
  build: tKey("Failed to build storage pool {{name}}"),
  refresh: tKey("Failed to refresh storage pool {{name}}"),
};

export function poolInfo(p: PoolSnapshot): PoolInfo {
  const facts = poolFacts(p.xml);
  return {
    name: p.name,
    uuid: p.uuid,
    type: facts.type,
    active: p.active,
    autostart: p.autostart,
    persistent: p.persistent,
    capacityBytes: p.capacity,
    allocationBytes: p.allocation,
    availableBytes: p.available,
    path: facts.path,
    source: facts.source,
    volumeCount: p.volumeCount,
  };
}

const checkPoolName = (name: string) => checkExistingName(name);

export class PoolService {
  #client: LibvirtClient;
  #roots: string[];
  #emit: (e: AppEvent) => void;

  constructor(client: LibvirtClient, roots: string[], emit: (e: AppEvent) => void) {
    this.#client = client;
    this.#roots = roots;
    this.#emit = emit;
  }

  get storageRoots(): string[] {
    return [...this.#roots];
  }

  async list(): Promise<PoolInfo[]> {
    try {
      const pools = (await this.#client.call("poolList")).map(poolInfo);
      const fresh = sameMachine(this.#client.uri) ? await withFreshUsage(pools) : pools;
      return fresh.sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list storage pools") });
    }
  }

  async get(name: string): Promise<PoolInfo> {
    checkPoolName(name);
    try {
      const pool = poolInfo(await this.#client.call("poolGet", name));
      return sameMachine(this.#client.uri) ? (await withFreshUsage([pool]))[0] : pool;
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Storage pool not found") });
    }
  }

  /** One pool for its page: with the volumes whose file vanished (readVolumes in ffi). */
  async detail(name: string): Promise<PoolDetail> {
    const pool = await this.get(name);
    if (!pool.active) return { ...pool, vanishedVolumes: [] };
    try {
      const { vanished } = await this.#client.call("poolVolumeListing", name);
      return { ...pool, vanishedVolumes: vanished.sort() };
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to list the volumes of {{pool}}", { pool: name }),
      });
    }
  }

  async create(input: unknown): Promise<PoolInfo> {
    const req = await checkPoolCreate(input, this.#roots);
    const existing = await this.list();
    if (existing.some((p) => p.name === req.spec.name)) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("Storage pool already exists: {{name}}", { name: req.spec.name }),
      );
    }
    const sameTarget = existing.find((p) => p.path === req.spec.path && req.spec.type !== "iscsi");
    if (sameTarget) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("Storage pool {{name}} already uses {{path}}", {
          name: sameTarget.name,
          path: req.spec.path,
        }),
      );
    }
    try {
      const pool = poolInfo(
        await this.#client.call("poolDefine", poolXml(req.spec), {
          build: req.build,
          start: req.start,
          autostart: req.autostart,
        }),
      );
      this.#emit({ type: "storage-changed", pool: pool.name });
      return pool;
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to create storage pool {{name}}", { name: req.spec.name }),
      });
    }
  }

  async action(name: string, action: string): Promise<PoolInfo> {
    checkPoolName(name);
    if (!POOL_ACTIONS.includes(action as PoolAction)) {
      throw new AppError("NOT_FOUND", t('Unknown pool action "{{action}}"', { action }));
    }
    try {
      const pool = poolInfo(await this.#client.call("poolAction", name, action as PoolAction));
      this.#emit({ type: "storage-changed", pool: name });
      return pool;
    } catch (err) {
      throw fromLibvirt(err, { failed: t(ACTION_FAILED[action as PoolAction], { name }) });
    }
  }

  async update(name: string, input: unknown): Promise<PoolInfo> {
    checkPoolName(name);
    const { autostart } = validated(AutostartBody, input);
    try {
      const pool = poolInfo(await this.#client.call("poolSetAutostart", name, autostart));
      this.#emit({ type: "storage-changed", pool: name });
      return pool;
    } catch (err) {
      throw fromLibvirt(err, {
        failed: t("Failed to set autostart of storage pool {{name}}", { name }),
      });
    }
  }

  /** Deletes a pool; deleting its volumes too needs `confirm` to repeat the pool's name. */
  async delete(name: string, input: unknown): Promise<{ deletedVolumes: string[] }> {
    checkPoolName(name);
    const body = validated(PoolDeleteBody, input ?? {}) ?? {};
    const deleteContents = body.deleteContents ?? false;
    if (deleteContents && body.confirm !== name) {
      throw new AppError(
        "CONFIRMATION_REQUIRED",
        t(
          'Deleting every volume of {{name}} needs confirmation: repeat the pool\'s name in "confirm"',
          { name },
        ),
      );
    }
    const pool = await this.get(name);
    if (deleteContents) {
      // Its volumes can only be listed, and deleted, while it runs.
      if (!pool.active) await this.action(name, "start");
      const vols = await this.#client.call("poolVolumes", name).catch(() => []);
      await refuseInUse(this.#client, vols.map((v) => v.path));
    }
    try {
      const deletedVolumes = await this.#client.call("poolDelete", name, deleteContents);
      this.#emit({ type: "storage-changed", pool: name });
      return { deletedVolumes };
    } catch (err) {
      this.#emit({ type: "storage-changed", pool: name });
      throw fromLibvirt(err, { failed: t("Failed to delete storage pool {{name}}", { name }) });
    }
  }
}
