// A pool's usage read now from its file system, bounded, and only for file-system pools.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { samplePool } from "../../tests/harness/page_fixtures.ts";
import { fileSystemUsage, withFreshUsage } from "./fresh_usage.ts";

Deno.test("fresh usage - the file system holding a folder, as libvirt's refresh measures it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-fresh-usage-" });
  try {
    const usage = await fileSystemUsage(dir);
    assert(usage, "a local folder answers");
    assert(usage.capacityBytes > 0 && usage.availableBytes <= usage.capacityBytes);
    assertEquals(usage.allocationBytes, usage.capacityBytes - usage.availableBytes);
    assertEquals(await fileSystemUsage(`${dir}/absent`), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fresh usage - active dir/fs/netfs pools only; a file system that does not answer keeps libvirt's figures", async () => {
  const now = { capacityBytes: 100, allocationBytes: 93, availableBytes: 7 };
  const asked: string[] = [];
  const usage = (path: string) => {
    asked.push(path);
    // A dead NFS server: never answers; fileSystemUsage's bound turns that into null.
    return Promise.resolve(path === "/dead" ? null : now);
  };
  const pools = [
    samplePool({ name: "a", type: "dir", path: "/a", active: true }),
    samplePool({ name: "b", type: "dir", path: "/b", active: false }),
    samplePool({ name: "c", type: "logical", path: "/dev/vg", active: true }),
    samplePool({ name: "d", type: "netfs", path: "/dead", active: true }),
  ];
  const fresh = await withFreshUsage(pools, usage);
  assertEquals(asked, ["/a", "/dead"]);
  assertEquals(fresh[0].allocationBytes, 93);
  assertEquals(fresh.slice(1), pools.slice(1));
});

Deno.test("fresh usage - a file system that hangs gets one call at a time, not one per page read", async () => {
  let calls = 0;
  let answer!: () => void;
  const hung = (_path: string) => {
    calls++;
    return new Promise<never>((_, reject) => answer = () => reject(new Error("gone")));
  };
  // The first read gives up after its bound; the call itself is still out.
  assertEquals(await fileSystemUsage("/mnt/nas", 10, hung), null);
  // Later reads do not start another while it is: libvirt's figures stand at once.
  assertEquals(await fileSystemUsage("/mnt/nas", 10, hung), null);
  assertEquals(await fileSystemUsage("/mnt/nas", 10, hung), null);
  assertEquals(calls, 1);
  // Once it returns, the next read asks again.
  answer();
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(await fileSystemUsage("/mnt/nas", 10, hung), null);
  assertEquals(calls, 2);
  answer();
});
