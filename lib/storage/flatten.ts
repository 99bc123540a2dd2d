// "Make independent": a linked clone's overlay takes in every block it still reads from its base
// (`qemu-img rebase -b ""`, qemu-img's safe mode, which copies what the overlay does not hold),
// keeping its path and name, so the VM using it is unchanged and the base may go. The file is
// rewritten on this machine, so only local pools; no running VM may have it open meanwhile.
// The overlay and every file of its chain pass the one disk-source check, then are opened once
// and checked inside their pools (pinned_volume.ts); qemu-img is given them as one json: chain of
// those opened files, so neither a link swapped in nor the header's backing name leads elsewhere.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import { vmState } from "../vm_basics.ts";
import { whereOf } from "./disk_sources.ts";
import { checkVolumeSource, pinChain } from "./pinned_volume.ts";
import { qemuImgWithProgress } from "./qemu_img.ts";

/** Checks that `vol` can be made independent here; throws the refusal in words. */
async function mayFlatten(client: LibvirtClient, vol: VolumeInfo): Promise<void> {
  if (!vol.backingPath) {
    throw new AppError(
      "INVALID_STATE",
      t("{{name}} has no base image: it is independent already", { name: vol.name }),
    );
  }
  if (whereOf(client.uri) !== "local") {
    throw new AppError(
      "NOT_ON_REMOTE_HOST",
      t(
        "Making a linked clone independent rewrites its file with qemu-img on this machine: not on a remote host",
      ),
    );
  }
  const users = await client.call("diskUsers", [vol.path]).catch((err) => {
    throw fromLibvirt(err, { failed: t("Failed to check which VMs use the volume") });
  });
  const names = users[vol.path] ?? [];
  if (names.length === 0) return;
  const records = await client.call("domainList", { scan: false }).catch((err) => {
    throw fromLibvirt(err, { failed: t("Failed to list VMs") });
  });
  // The VMs' names and states only: lib/vms's summaries sit above storage.
  const running = records
    .filter((r) => names.includes(r.name))
    .filter((r) => vmState(Number(r.params["state.state"] ?? 0)) !== "stopped")
    .map((r) => r.name).sort();
  if (running.length) {
    throw new AppError(
      "VM_BUSY",
      t("{{name}} is a disk of running VM {{vms}}: shut it down first", {
        name: vol.name,
        vms: running.join(", "),
      }),
    );
  }
}

/** Copies what the overlay reads from its base into it; progress goes to the request's task. */
export async function flattenVolume(client: LibvirtClient, vol: VolumeInfo): Promise<void> {
  await mayFlatten(client, vol);
  const label = `Volume ${vol.name}`;
  await checkVolumeSource({ client, path: vol.path, label, backing: true });
  await using chain = await pinChain(client, vol, { write: true, label });
  if (chain.formats[0] !== "qcow2" || chain.files.length < 2) {
    throw new AppError(
      "INVALID_STATE",
      t("{{name}} has no base image: it is independent already", { name: vol.name }),
    );
  }
  const failed = await qemuImgWithProgress(["rebase", "-p", "-b", "", chain.spec]);
  if (failed) {
    throw new AppError(
      "IoError",
      t("Failed to make {{name}} independent: {{reason}}", { name: vol.name, reason: failed }),
    );
  }
}
