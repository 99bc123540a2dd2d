// Helpers of the backup tests: commands in a running test guest through the root shell on its
// serial port (see tests/support/guest.ts INIT_SCRIPT), typed into the pty libvirt gives the serial
// device and answered in the serial log; and the kvmm-test-bk- guests, volumes and pool.

import { serialLogPath, TEST_POOL, virsh } from "./guest.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let counter = 0;

/** The host pty of the guest's serial port, from its live XML. */
export async function serialPty(name: string): Promise<string> {
  const xml = await virsh("dumpxml", name);
  const serial = /<serial type='pty'>[\s\S]*?<source path='([^']+)'/.exec(xml);
  if (!serial) throw new Error(`${name}: no serial pty in its live XML (is it running?)`);
  return serial[1];
}

/**
 * Runs `command` in the guest's shell and waits until it printed its success marker in the
 * serial log; throws with the log's tail when it does not in `timeoutMs`. The marker is written
 * with an empty quote pair in it, so the shell's echo of the typed line never matches it.
 */
export async function guestRun(name: string, command: string, timeoutMs = 60_000): Promise<void> {
  const tag = `KVMM-OK-${Deno.pid}-${++counter}`;
  const [head, tail] = [tag.slice(0, 5), tag.slice(5)];
  const line = `${command} && echo ${head}""${tail}\r\n`;
  const pty = await serialPty(name);
  const enc = new TextEncoder();
  const file = await Deno.open(pty, { read: true, write: true });
  try {
    // busybox's line editing first asks the terminal for the cursor position: give it a blank
    // line and a moment before the real command.
    await file.write(enc.encode("\r\n"));
    await sleep(1000);
    await file.write(enc.encode(line));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const log = await Deno.readTextFile(serialLogPath(name)).catch(() => "");
      if (log.includes(tag)) return;
      if (Date.now() > deadline) {
        throw new Error(
          `${name}: "${command}" did not finish in ${timeoutMs} ms; serial log ends:\n` +
            log.slice(-800),
        );
      }
      await sleep(200);
    }
  } finally {
    file.close();
  }
}

/**
 * Writes `blocks` 64 KiB blocks of a repeated word to the guest's /dev/vda from block `seek`
 * on, synced to the disk. `yes` never blocks, unlike /dev/urandom before the kernel's crng is
 * ready.
 */
export async function guestWriteDisk(
  name: string,
  { word, seek, blocks = 4 }: { word: string; seek: number; blocks?: number },
): Promise<void> {
  if (!/^[A-Za-z0-9_-]+$/.test(word)) throw new Error(`unsafe word for the guest shell: ${word}`);
  await guestRun(
    name,
    `yes ${word} | dd of=/dev/vda bs=65536 count=${blocks} seek=${seek} iflag=fullblock ` +
      `conv=fsync 2>/dev/null`,
  );
}

export const PREFIX = "kvmm-test-bk-";
export const BK_POOL = "kvmm-test-bk-pool";
export const BK_DIR = `/var/lib/libvirt/images/${BK_POOL}`;
/** A disk in no storage pool: libvirt's own refusal is the only word on it. */
export const OUTSIDE_DISK = `/var/lib/libvirt/images/${PREFIX}outside.qcow2`;

export const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
export const volNames = async (pool: string) =>
  lines(await virsh("vol-list", pool)).slice(2).map((l) => l.split(/\s+/)[0]);

/** Removes this file's guests (with checkpoint and snapshot metadata), volumes and pool. */
export async function cleanupBackupTests(): Promise<void> {
  const names = lines(await virsh("list", "--all", "--name")).filter((n) => n.startsWith(PREFIX));
  for (const name of names) {
    await virsh("destroy", name).catch(() => {});
    await virsh("undefine", name, "--snapshots-metadata", "--checkpoints-metadata", "--nvram")
      .catch(() => virsh("undefine", name)).catch(() => {});
    await Deno.remove(serialLogPath(name)).catch(() => {});
  }
  if (await virsh("pool-info", TEST_POOL).then(() => true, () => false)) {
    await virsh("pool-refresh", TEST_POOL);
    for (const v of await volNames(TEST_POOL)) {
      if (v.startsWith(PREFIX)) await virsh("vol-delete", "--pool", TEST_POOL, v);
    }
  }
  if (await virsh("pool-info", BK_POOL).then(() => true, () => false)) {
    await virsh("pool-destroy", BK_POOL).catch(() => {});
    await virsh("pool-undefine", BK_POOL).catch(() => {});
  }
  await Deno.remove(BK_DIR, { recursive: true }).catch(() => {});
  await Deno.remove(OUTSIDE_DISK).catch(() => {});
}

export async function ensureBackupPool(): Promise<void> {
  await virsh("pool-define-as", BK_POOL, "dir", "--target", BK_DIR);
  await virsh("pool-build", BK_POOL);
  await virsh("pool-start", BK_POOL);
}
