// ATTACK (finding 3): the XML import/editor checks every host file a definition names (disks,
// kernel, loader, chardevs …) — but not <sysinfo type='fwcfg'><entry file=…> nor
// <os><acpi><table>: QEMU reads those host files and hands their bytes to the guest (fw_cfg:
// /sys/firmware/qemu_fw_cfg/by_name/opt/…/raw; ACPI: /sys/firmware/acpi/tables/). Any file the
// libvirt-qemu user can read, outside every pool and storage root, leaks to the guest: here
// /etc/passwd and a libvirt-qemu-owned 0600 file (as another VM's
// /var/lib/libvirt/qemu/domain-N-NAME/master-key.aes is).
//
// Run (root, real libvirtd): node_modules/.bin/deno test -A attack47/qemu_fwcfg_host_file.attack.ts
import { assert, assertEquals } from "../tests/support/assert.ts";
import { virsh, virshOrNull, withRealApp } from "../tests/support/real_app.ts";

const VM = "kvmm-atk-fwcfg";

const xml = (secret: string) =>
  `<domain type='qemu'>
  <name>${VM}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <sysinfo type='fwcfg'>
    <entry name='opt/kvmm/passwd' file='/etc/passwd'/>
    <entry name='opt/kvmm/secret' file='${secret}'/>
  </sysinfo>
  <os><type arch='x86_64' machine='pc'>hvm</type>
    <acpi><table type='slic'>/etc/passwd</table></acpi></os>
  <features><acpi/></features>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>`;

Deno.test("attack: fw_cfg entries and ACPI tables hand host files outside the roots to the guest", async () => {
  await virshOrNull("destroy", VM);
  await virshOrNull("undefine", VM);
  const dir = await Deno.makeTempDir({ prefix: "kvmm-atk-q-" });
  const secret = `${dir}/master-key.aes`;
  await Deno.writeTextFile(secret, "another VM's master key\n", { mode: 0o600 });
  const q = new TextDecoder().decode(
    (await new Deno.Command("id", { args: ["-u", "libvirt-qemu"] }).output()).stdout,
  ).trim();
  await Deno.chown(secret, Number(q), null);
  await Deno.chmod(dir, 0o755);
  try {
    await withRealApp({}, async (t) => {
      const made = await t.call("POST", "/api/vms/import", { xml: xml(secret) });
      console.log("import:", made.status, JSON.stringify(made.body));
      // Fixed (branch attack47): 400 DISK_SOURCE_REFUSED. Open: QEMU reads the files.
      if (made.status === 400) return assertEquals(made.body.code, "DISK_SOURCE_REFUSED");
      assertEquals(made.status, 201);
      const started = await t.call("POST", `/api/vms/${made.body.id}/start`);
      console.log("start:", started.status, JSON.stringify(started.body));
      const cmd = await Deno.readTextFile(
        `/proc/${(await Deno.readTextFile(`/run/libvirt/qemu/${VM}.pid`)).trim()}/cmdline`,
      );
      const args = cmd.split("\0").filter((a) => /file=/.test(a));
      console.log("QEMU opened:", args);
      assert(args.some((a) => a.startsWith("name=opt/kvmm/passwd,file=/etc/passwd")));
      assert(args.some((a) => a.includes("SLIC,file=/etc/passwd")));
      assert(args.some((a) => a.includes(`file=${secret}`)));
      throw new Error("QEMU read host files outside every pool into the guest (see above)");
    });
  } finally {
    await virshOrNull("destroy", VM);
    await virshOrNull("undefine", VM);
    await Deno.remove(dir, { recursive: true });
  }
  assertEquals((await virsh("list", "--all", "--name")).includes(VM), false);
});
