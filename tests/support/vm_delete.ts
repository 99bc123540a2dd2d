// Fixtures of the VM delete tests on the test driver (routes/api/vms_delete_test.ts,
// vms_delete_safety_test.ts): volume and domain XML, a volume's path in the test pool, whether
// a volume is there, and an answer's JSON checked against its status.

import { assertEquals } from "./assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { TEST_POOL_PATH } from "./test_node.ts";

/** The answer's JSON, once its status is `status` (the body in the failure message). */
export async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

/** A volume's path in the test driver's default pool. */
export const at = (name: string) => `${TEST_POOL_PATH}/${name}`;

/** A 1 GiB volume: raw for an .iso, else qcow2, over `backing` when given. */
export function volumeXml(name: string, backing?: string): string {
  const store = backing
    ? `<backingStore><path>${backing}</path><format type='qcow2'/></backingStore>`
    : "";
  return `<volume><name>${name}</name><capacity unit='GiB'>1</capacity>
    <target><format type='${name.endsWith(".iso") ? "raw" : "qcow2"}'/></target>${store}</volume>`;
}

/** A test-driver domain with these disks: [path, target, disk or cdrom (on SATA)]. */
export function domainXml(name: string, disks: [string, string, "disk" | "cdrom"][]): string {
  const devices = disks.map(([path, dev, device]) =>
    `<disk type='file' device='${device}'><source file='${path}'/>
      <target dev='${dev}' bus='${device === "cdrom" ? "sata" : "virtio"}'/></disk>`
  ).join("");
  return `<domain type='test'><name>${name}</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
    <os><type arch='x86_64'>hvm</type></os><devices>${devices}</devices></domain>`;
}

/** Whether a volume is at `path`. */
export async function exists(client: LibvirtClient, path: string): Promise<boolean> {
  return await client.call("volumeAt", path).then(() => true, () => false);
}
