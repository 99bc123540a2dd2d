import { assert, assertEquals } from "../tests/support/assert.ts";
import { isPseudo, joinDfWithMounts, parseMounts } from "./disk.ts";
import { readKernelFile } from "./kernel_files.ts";
import { isUp, usableMac } from "./network.ts";
import { parseMeminfo, parseOsRelease, parseUptime } from "./system.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

const config = testConfig();

Deno.test("get_system_info - describes this machine", async () => {
  const info = resultOf(await callWith(config, "get_system_info"));
  const osRelease = parseOsRelease(await Deno.readTextFile("/etc/os-release").catch(() => ""));
  assertEquals(info.os_type, "linux");
  assertEquals(info.os_id, osRelease.ID ?? null);
  assertEquals(info.os_pretty_name, osRelease.PRETTY_NAME ?? null);
  assertEquals(info.kernel_release, Deno.osRelease());
  assertEquals(info.hostname, Deno.hostname());
  assertEquals(info.arch, Deno.build.arch);
  assertEquals(info.cpu_count, navigator.hardwareConcurrency);
  assert(info.uptime_seconds > 0);
  assert(info.memory_total_bytes > info.memory_available_bytes && info.memory_available_bytes > 0);
  assertEquals(info.load_average.length, 3);
});

Deno.test("get_system_info - parsers for os-release, meminfo and uptime", () => {
  assertEquals(
    parseOsRelease(
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.1\n# c\nPRETTY_NAME="A \\"q\\""\nX=\'y z\'',
    ),
    { NAME: "Alpine Linux", ID: "alpine", VERSION_ID: "3.20.1", PRETTY_NAME: 'A "q"', X: "y z" },
  );
  assertEquals(
    parseMeminfo(
      "MemTotal:       16314204 kB\nMemAvailable:    1000 kB\nHugePages_Total:       0\n",
    ),
    {
      MemTotal: 16314204 * 1024,
      MemAvailable: 1024000,
      HugePages_Total: 0,
    },
  );
  assertEquals(parseUptime("350735.47 234388.90\n"), 350735.47);
  assertEquals(parseUptime(""), null);
});

/** The interface names sysfs knows now. */
async function sysfsInterfaces(): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const e of Deno.readDir("/sys/class/net")) names.add(e.name);
  return names;
}

Deno.test("get_network_info - lists lo with its address, no MAC, up", async () => {
  // Other tests (the guests' lane) make and remove taps and veths meanwhile: sysfs is read before
  // and after, and an interface that came or went between them may be listed or not.
  const before = await sysfsInterfaces();
  const { interfaces } = resultOf(await callWith(config, "get_network_info"));
  const after = await sysfsInterfaces();
  const lo = interfaces.find((i: { name: string }) => i.name === "lo");
  assertEquals(lo.mac, null);
  assertEquals(lo.up, true);
  assert(
    lo.addresses.some((a: unknown) =>
      JSON.stringify(a) === JSON.stringify({ address: "127.0.0.1", prefix: 8, family: "ipv4" })
    ),
  );
  // Every interface sysfs knew throughout is listed, with or without addresses, and nothing else.
  const listed = new Set<string>(interfaces.map((i: { name: string }) => i.name));
  const throughout = [...before].filter((n) => after.has(n));
  assertEquals(throughout.filter((n) => !listed.has(n)), [], "interfaces left out");
  assertEquals([...listed].filter((n) => !before.has(n) && !after.has(n)), [], "unknown ones");
  assert(listed.has("lo"));
});

Deno.test("get_network_info - MAC and up rules", () => {
  assertEquals(usableMac("00:00:00:00:00:00"), null);
  assertEquals(usableMac(null), null);
  assertEquals(usableMac("52:54:00:AB:cd:01"), "52:54:00:ab:cd:01");
  assertEquals(isUp("up", "0x1003"), true);
  assertEquals(isUp("down", "0x1003"), false);
  assertEquals(isUp("unknown", "0x9"), true);
  assertEquals(isUp("unknown", "0x8"), false);
  assertEquals(isUp(null, null), false);
});

Deno.test("get_disk_usage - lists / from df, without pseudo file systems", async () => {
  const { filesystems } = resultOf(await callWith(config, "get_disk_usage"));
  const root = filesystems.find((f: { mount_point: string }) => f.mount_point === "/");
  assert(root, JSON.stringify(filesystems));
  assert(root.total_bytes > 0 && root.used_bytes >= 0 && root.available_bytes >= 0);
  assert(root.fs_type !== "unknown");
  for (const f of filesystems) assert(!isPseudo(f.fs_type, f.mount_point), f.mount_point);
});

Deno.test("get_disk_usage - df (coreutils or busybox) joined with /proc/mounts", () => {
  const df = [
    "Filesystem     1024-blocks      Used Available Capacity Mounted on",
    "/dev/vda1         20509264   5363204  14081200      28% /",
    "tmpfs               817360      1048    816312       1% /run",
    "/dev/vdb1          1000000    500000    500000      50% /srv/my data",
    "cgroup2                  0         0         0       -  /sys/fs/cgroup",
    "My NAS:/export    2000000   1000000   1000000      50% /mnt/nas",
    "garbage line",
  ].join("\n");
  const mounts = [
    "/dev/vda1 / ext4 rw,relatime 0 0",
    "tmpfs /run tmpfs rw 0 0",
    "/dev/vdb1 /srv/my\\040data xfs rw 0 0",
    "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0",
    "My\\040NAS:/export /mnt/nas nfs4 rw 0 0",
  ].join("\n");
  assertEquals(parseMounts(mounts).get("/srv/my data"), "xfs");
  assertEquals(joinDfWithMounts(df, mounts), [
    {
      mount_point: "/",
      device: "/dev/vda1",
      fs_type: "ext4",
      total_bytes: 20509264 * 1024,
      used_bytes: 5363204 * 1024,
      available_bytes: 14081200 * 1024,
    },
    {
      mount_point: "/srv/my data",
      device: "/dev/vdb1",
      fs_type: "xfs",
      total_bytes: 1024000000,
      used_bytes: 512000000,
      available_bytes: 512000000,
    },
    {
      mount_point: "/mnt/nas",
      device: "My NAS:/export",
      fs_type: "nfs4",
      total_bytes: 2048000000,
      used_bytes: 1024000000,
      available_bytes: 1024000000,
    },
  ]);
  // A live system's root on tmpfs is kept.
  assertEquals(
    joinDfWithMounts(
      df.split("\n").slice(0, 1).concat("tmpfs 100 1 99 1% /").join("\n"),
      "tmpfs / tmpfs rw 0 0",
    )[0].fs_type,
    "tmpfs",
  );
});

Deno.test("get_disk_usage - without df on command_path", async () => {
  const c = testConfig({ command_path: "/nonexistent" });
  errorOf(await callWith(c, "get_disk_usage"), "COMMAND_NOT_FOUND");
});

Deno.test("kernel files - read directly under --allow-all", async () => {
  assert((await readKernelFile("/proc/uptime"))!.length > 0);
  assertEquals(await readKernelFile("/proc/no-such-file"), null);
});
