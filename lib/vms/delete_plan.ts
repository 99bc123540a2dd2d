// Which of a VM's disks go with it: its own disks, and what stays unless asked for by name —
// ISOs (CD-ROMs), disks another VM uses, bases of linked clones, files outside any pool.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { badRequest, fromLibvirt } from "../errors.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { linkedChildren } from "../storage/linked.ts";
import { SEED_ISO, volumeAt } from "../storage/lookups.ts";
import type { DeletePlan, DeleteVolume } from "../../shared/vm_delete.ts";
import { t } from "../../shared/i18n/t.ts";

/** A disk whose sharing or clones could not be checked: it stays, and cannot be chosen. */
export function unknown(entry: Pick<DeleteVolume, "path" | "target" | "device">): DeleteVolume {
  return {
    ...entry,
    keep: "unknown",
    reason: t("could not check whether another VM uses it; left in place"),
    deletable: false,
  };
}

/**
 * Every disk with a source of the VM `uuid` (its next-boot definition), each marked with why
 * it stays by default: a CD-ROM or floppy, a disk another VM's definition names (all VMs on the
 * host are read), the base of linked clones, or a file no storage pool holds. When the other
 * VMs or the pools cannot be read, every disk but an ISO is "unknown": kept, not deletable.
 */
export async function deletePlan(
  { client, uuid, id = uuid }: { client: LibvirtClient; uuid: string; id?: string },
): Promise<DeletePlan> {
  try {
    const xml = parseDomainXml(await client.call("domainXml", uuid, XmlFlags.INACTIVE));
    const disks = xml.disks.filter((d) => d.path);
    const paths = [...new Set(disks.map((d) => d.path!))];
    // Fails closed: when the other VMs cannot be read, no disk counts as the VM's own.
    const users: Record<string, string[]> | null = paths.length
      ? await client.call("diskUsers", paths).catch(() => null)
      : {};
    const volumes: DeleteVolume[] = [];
    for (const d of disks) {
      const path = d.path!;
      const entry = { path, target: d.target, device: d.device };
      if (d.device !== "disk") {
        // A cloud-init seed may be shared (a VM restored from a backup before its seed was
        // taken out): the dialog says with whom, and when that cannot be read, it stays.
        if (SEED_ISO.test(path) && !users) {
          volumes.push(unknown(entry));
          continue;
        }
        const seedUsers = SEED_ISO.test(path)
          ? (users?.[path] ?? []).filter((n) => n !== xml.name).sort()
          : [];
        volumes.push({
          ...entry,
          keep: seedUsers.length ? "shared" : "iso",
          reason: seedUsers.length
            ? t("a cloud-init seed, also used by {{vms}}", { vms: seedUsers.join(", ") })
            : SEED_ISO.test(path)
            ? t("its cloud-init seed (CD-ROM)")
            : t("an ISO (CD-ROM)"),
          deletable: true,
        });
        continue;
      }
      if (!users) {
        volumes.push(unknown(entry));
        continue;
      }
      if (!await volumeAt({ client, path })) {
        volumes.push({
          ...entry,
          keep: "outside",
          reason: t("not a storage volume; left in place"),
          deletable: false,
        });
        continue;
      }
      const clones = await linkedChildren(client, path).catch(() => null);
      if (!clones) {
        volumes.push(unknown(entry));
        continue;
      }
      if (clones.length) {
        volumes.push({
          ...entry,
          keep: "base",
          reason: t("the base of linked clones {{clones}}", { clones: clones.join(", ") }),
          deletable: false,
        });
        continue;
      }
      const others = (users[path] ?? []).filter((n) => n !== xml.name).sort();
      volumes.push(
        others.length
          ? {
            ...entry,
            keep: "shared",
            reason: t("also used by {{vms}}", { vms: others.join(", ") }),
            deletable: true,
          }
          : { ...entry, keep: null, reason: "", deletable: true },
      );
    }
    return { name: xml.name, volumes, ...(xml.protected ? { protected: true as const } : {}) };
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to delete VM") });
  }
}

/**
 * The plan's volumes a delete removes: `"own"` (the old deleteDisks flag) takes only the VM's
 * own disks; a list takes exactly those paths, each of which must be a disk of this VM (400
 * otherwise, before anything is touched); null takes none.
 */
export function chosenVolumes(plan: DeletePlan, volumes: string[] | "own" | null): string[] {
  if (volumes === null) return [];
  if (volumes === "own") return plan.volumes.filter((v) => v.keep === null).map((v) => v.path);
  const known = new Set(plan.volumes.map((v) => v.path));
  const foreign = volumes.filter((p) => !known.has(p));
  if (foreign.length) {
    throw badRequest(
      t("Not a disk of VM {{name}}: {{paths}}", { name: plan.name, paths: foreign.join(", ") }),
    );
  }
  return [...new Set(volumes)];
}
