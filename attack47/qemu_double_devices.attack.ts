// PROBE: a second <devices> element. Our checks read `dom.devices` as one element (a list makes
// every device check read nothing), while libvirt without schema validation takes the disks of
// every <devices>. defineValidated asks libvirt to validate, and drops the flag on INVALID_ARG,
// NO_SUPPORT or ARGUMENT_UNSUPPORTED — does a schema refusal come back as one of those?
//
// Run (root, real libvirtd): node_modules/.bin/deno test -A attack47/qemu_double_devices.attack.ts
import { assertEquals } from "../tests/support/assert.ts";
import { virsh, virshOrNull, withRealApp } from "../tests/support/real_app.ts";

const VM = "kvmm-atk-dd";

Deno.test("probe: a second <devices> is refused on real libvirt (schema validation)", async () => {
  await virshOrNull("undefine", VM);
  try {
    await withRealApp({}, async (t) => {
      const xml = `<domain type='qemu'><name>${VM}</name><memory unit='MiB'>64</memory>
        <os><type arch='x86_64'>hvm</type></os>
        <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
        <devices><disk type='file' device='disk'><source file='/etc/hostname'/>
          <target dev='vda'/></disk></devices></domain>`;
      const r = await t.call("POST", "/api/vms/import", { xml });
      console.log("import:", r.status, r.body?.code, String(r.body?.message).slice(0, 160));
      assertEquals(r.status, 400);
      assertEquals((await virsh("list", "--all", "--name")).includes(VM), false);
    });
  } finally {
    await virshOrNull("undefine", VM);
  }
});
