// Tests for lib/vms/driver_iso.ts volumeLabel: real ISO 9660 images made with xorriso.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { volumeLabel } from "./driver_iso.ts";

/** Sector 16 of an ISO that xorriso makes with volume label `label` (fails without xorriso). */
async function pvdOf(label: string): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-iso-" });
  try {
    await Deno.mkdir(`${dir}/tree`);
    await Deno.writeTextFile(`${dir}/tree/README.txt`, "drivers\n");
    const out = await new Deno.Command("xorriso", {
      args: ["-as", "mkisofs", "-V", label, "-o", `${dir}/cd.iso`, `${dir}/tree`],
      stdout: "null",
      stderr: "piped",
    }).output();
    assert(out.success, `xorriso failed: ${new TextDecoder().decode(out.stderr)}`);
    const bytes = await Deno.readFile(`${dir}/cd.iso`);
    return bytes.subarray(16 * 2048, 17 * 2048);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("driver_iso - the volume label of an ISO 9660 image is read from its primary descriptor", async () => {
  assertEquals(volumeLabel(await pvdOf("virtio-win-0.1.240")), "virtio-win-0.1.240");
  assertEquals(volumeLabel(await pvdOf("CCCOMA_X64FRE_EN-US_DV9")), "CCCOMA_X64FRE_EN-US_DV9");
});

Deno.test("driver_iso - anything that is not a primary volume descriptor has no label", () => {
  assertEquals(volumeLabel(new Uint8Array(2048)), null);
  const qcow = new Uint8Array(2048);
  qcow.set(new TextEncoder().encode("QFI\xfb"), 0);
  assertEquals(volumeLabel(qcow), null);
  assertEquals(volumeLabel(new Uint8Array(10)), null);
});
