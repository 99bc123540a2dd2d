import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { OpArgs, OpName } from "../../ffi/libvirt/ops.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { eventually } from "../../tests/harness/test_app.ts";
import { domainWithOs } from "../../tests/support/os_domain.ts";
import { OsCache } from "./os_cache.ts";

/**
 * A client on a private test-driver node holding `count` VMs (every third without an OS),
 * which records when each XML read starts and how many are in flight at most.
 */
async function withNode(
  count: number,
  fn: (t: {
    client: LibvirtClient;
    reads: { id: string; at: number }[];
    maxInFlight: () => number;
    counted: ConstructorParameters<typeof OsCache>[0]["client"];
    vms: { id: string; name: string }[];
  }) => Promise<void>,
) {
  const node = await writeTestNode([]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `cannot open ${node.uri}`);
    // The defines' own events come later: wait for them, or one would make the cache read again.
    let defined = 0;
    const onDefined = () => defined++;
    client.addEventListener("lifecycle", onDefined);
    const vms = [];
    for (let i = 0; i < count; i++) {
      const name = `vm${String(i).padStart(3, "0")}`;
      const xml = i % 3 === 2
        ? domainWithOs(name)
        : i % 3 === 1
        ? domainWithOs(name, { osinfoId: "http://debian.org/debian/12" })
        : domainWithOs(name, { variant: "ubuntu24.04" });
      const { uuid } = await client.call("domainDefine", xml);
      vms.push({ id: uuid, name });
    }
    await eventually(() => defined === count);
    client.removeEventListener("lifecycle", onDefined);
    const reads: { id: string; at: number }[] = [];
    let inFlight = 0;
    let most = 0;
    const counted = {
      call: (async <K extends OpName>(op: K, ...args: OpArgs<K>) => {
        if (op === "domainXml") {
          reads.push({ id: args[0] as string, at: performance.now() });
          most = Math.max(most, ++inFlight);
        }
        try {
          return await client.call(op, ...args);
        } finally {
          if (op === "domainXml") inFlight--;
        }
      }) as LibvirtClient["call"],
      addEventListener: client.addEventListener.bind(client),
      removeEventListener: client.removeEventListener.bind(client),
    };
    await fn({ client, reads, maxInFlight: () => most, counted, vms });
  } finally {
    await client.close();
    await node.remove();
  }
}

const expected = (i: number) => i % 3 === 2 ? undefined : i % 3 === 1 ? "debian12" : "ubuntu24.04";

Deno.test("os_cache - fills in the background: a burst, then at most the rate, one at a time", async () => {
  await withNode(30, async ({ reads, maxInFlight, counted, vms }) => {
    const burst = 5;
    const rate = 50;
    const cache = new OsCache({ client: counted, readsPerSecond: rate, burst });
    try {
      const os = cache.listed(vms);
      // Nothing is read on the list's own path: the first list answers what is known, nothing.
      assertEquals(vms.map((vm) => os(vm.id)), vms.map(() => undefined));
      // Lists while it fills ask for no VM twice.
      const again = setInterval(() => cache.listed(vms), 15);
      try {
        await eventually(() => cache.pending === 0, 5000);
      } finally {
        clearInterval(again);
      }
      assertEquals(vms.map((vm) => os(vm.id)), vms.map((_, i) => expected(i)));
      assertEquals(reads.length, vms.length);
      assertEquals(new Set(reads.map((r) => r.id)).size, vms.length);
      assertEquals(maxInFlight(), 1);
      // Read k starts no earlier than the burst and the rate allow, counted from the first read's
      // start, which may itself lag the pace's first look by a few ms on a busy machine (2.1 ms,
      // ci31): 5 ms of slack against 20 ms a read still tells paced reads from a burst of 30.
      for (let k = burst; k < reads.length; k++) {
        const earliest = (k - burst + 1) / rate * 1000 - 5;
        assert(
          reads[k].at - reads[0].at >= earliest,
          `read ${k} after ${(reads[k].at - reads[0].at).toFixed(1)} ms, before ${earliest} ms`,
        );
      }
      assertEquals(cache.size, vms.length);
    } finally {
      cache.close();
    }
  });
});

Deno.test("os_cache - a redefined VM is read again, an undefined one forgotten", async () => {
  await withNode(3, async ({ client, reads, counted, vms }) => {
    const cache = new OsCache({ client: counted });
    try {
      cache.listed(vms);
      await eventually(() => cache.pending === 0);
      assertEquals(cache.osOf(vms[0].id), "ubuntu24.04");
      const before = reads.length;

      // A new XML (virsh define, our XML editor): libvirt's DEFINED/UPDATED event.
      await client.call(
        "domainDefine",
        domainWithOs(vms[0].name, { variant: "fedora40", uuid: vms[0].id }),
      );
      await eventually(() => cache.osOf(vms[0].id) === "fedora40");
      assertEquals(reads.slice(before).map((r) => r.id), [vms[0].id]);

      // An OS taken away is taken off the list too.
      await client.call("domainDefine", domainWithOs(vms[1].name, { uuid: vms[1].id }));
      await eventually(() => cache.pending === 0 && cache.osOf(vms[1].id) === undefined);
      assertEquals(cache.size, 3);

      await client.call("domainUndefine", vms[2].id, 0);
      await eventually(() => cache.size === 2);
      assertEquals(cache.pending, 0);
    } finally {
      cache.close();
    }
  });
});

Deno.test("os_cache - holds only the VMs of the last list, and stops reading when closed", async () => {
  await withNode(12, async ({ reads, counted, vms }) => {
    const cache = new OsCache({ client: counted, readsPerSecond: 20, burst: 2 });
    cache.listed(vms);
    await eventually(() => cache.size >= 3);
    // Most VMs went (undefined elsewhere, or a list from after a reconnect).
    cache.listed(vms.slice(0, 2));
    assert(cache.size <= 2, `holds ${cache.size}`);
    assert(cache.pending <= 2, `${cache.pending} waiting`);
    await eventually(() => cache.pending === 0);
    assertEquals(cache.size, 2);

    cache.listed(vms);
    const before = reads.length;
    cache.close();
    await new Promise((r) => setTimeout(r, 200));
    assert(reads.length <= before + 1, "no read after close but the one in flight");
    assertEquals(cache.size, 0);
    assertEquals(cache.listed(vms)(vms[0].id), undefined);
  });
});
