// A made-up host's sysfs and procfs in a temp dir, for the host-use checks' tests: every way
// the walk goes (a bridge over a bond over a NIC, LVM over a partition, a console GPU).

/** A sysfs and procfs tree of a host whose route leaves by a bridge over a bond over a NIC,
 * whose root is on LVM over a SATA disk's partition, with a console GPU. */
export async function fakeHost(root: string) {
  const sys = `${root}/sys`;
  const proc = `${root}/proc`;
  const mk = (p: string) => Deno.mkdir(p, { recursive: true });
  const link = async (target: string, path: string) => {
    await mk(path.slice(0, path.lastIndexOf("/")));
    await Deno.symlink(target, path);
  };
  const sata = `${sys}/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda`;
  await mk(`${sata}/sda2`);
  await mk(`${sys}/devices/virtual/block/dm-0/slaves/sda2`);
  await link(`${sata}/sda2`, `${sys}/class/block/sda2`);
  await link(`${sys}/devices/virtual/block/dm-0`, `${sys}/dev/block/253:0`);
  await mk(`${sys}/devices/pci0000:00/0000:00:1c.0/0000:03:00.0/net/enp3s0`);
  await link(
    `${sys}/devices/pci0000:00/0000:00:1c.0/0000:03:00.0`,
    `${sys}/class/net/enp3s0/device`,
  );
  await mk(`${sys}/class/net/br0/brif/bond0`);
  await mk(`${sys}/class/net/bond0/lower_enp3s0`);
  for (const [dev, vga] of [["0000:00:02.0", "1"], ["0000:41:00.0", "0"]]) {
    await mk(`${sys}/bus/pci/devices/${dev}`);
    await Deno.writeTextFile(`${sys}/bus/pci/devices/${dev}/boot_vga`, `${vga}\n`);
  }
  await mk(`${proc}/net`);
  await mk(`${proc}/self`);
  await Deno.writeTextFile(
    `${proc}/net/route`,
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
      "br0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
      "br0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n",
  );
  await Deno.writeTextFile(
    `${proc}/self/mountinfo`,
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n" +
      "27 1 253:0 / / rw,relatime - ext4 /dev/mapper/vg-root rw\n",
  );
  return { sys, proc };
}
