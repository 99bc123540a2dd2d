import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { OpArgs, OpName } from "../../ffi/libvirt/ops.ts";
import { Impact, VcpuFlags } from "../../ffi/libvirt/domain.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { eventually } from "../../tests/harness/test_app.ts";
import { PendingCache } from "./pending_cache.ts";

interface Vm {
  id: string;
  name: string;
  state: string;
}

/** A private test-driver node of `count` VMs, every third shut off, with XML reads counted. */
async function withNode(
  count: number,
  fn: (t: {
    client: LibvirtClient;
    counted: ConstructorParameters<typeof PendingCache>[0]["client"];
    reads: string[];
    vms: Vm[];
  }) => Promise<void>,
) {
  const node = await writeTestNode(
    Array.from({ length: count }, (_, i) => ({
      name: `vm${String(i).padStart(3, "0")}`,
      runstate: (i % 3 === 2 ? 5 : 1) as 1 | 5,
      vcpus: 1,
    })),
  );
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `cannot open ${node.uri}`);
    const vms: Vm[] = [];
    for (let i = 0; i < count; i++) {
      const name = `vm${String(i).padStart(3, "0")}`;
      const { uuid } = await client.call("domainState", name);
      vms.push({ id: uuid, name, state: i % 3 === 2 ? "stopped" : "running" });
    }
    const reads: string[] = [];
    const counted = {
      call: (<K extends OpName>(op: K, ...args: OpArgs<K>) => {
        if (op === "domainXml") reads.push(args[0] as string);
        return client.call(op, ...args);
      }) as LibvirtClient["call"],
      addEventListener: client.addEventListener.bind(client),
      removeEventListener: client.removeEventListener.bind(client),
    };
    await fn({ client, counted, reads, vms });
  } finally {
    await client.close();
    await node.remove();
  }
}

/** Raises a VM's vCPUs in its definition only, as `virsh setvcpus --config` does. */
async function moreCpusNextBoot(client: LibvirtClient, id: string) {
  await client.call("domainSetVcpus", id, 2, Impact.CONFIG | VcpuFlags.MAXIMUM);
  await client.call("domainSetVcpus", id, 2, Impact.CONFIG);
}

Deno.test("pending_cache - compares running VMs only, in the background, and flags the changed", async () => {
  await withNode(12, async ({ client, counted, reads, vms }) => {
    await moreCpusNextBoot(client, vms[0].id);
    await moreCpusNextBoot(client, vms[4].id);
    // A stopped VM's change is no pending change: it has one definition.
    await moreCpusNextBoot(client, vms[2].id);
    const cache = new PendingCache({ client: counted, readsPerSecond: 100, burst: 3 });
    try {
      const pending = cache.listed(vms);
      // The list does not wait: at most the first read has been set going, nothing is known.
      assert(reads.length <= 1, `${reads.length} reads on the list's own path`);
      assertEquals(vms.map((vm) => pending(vm.id)), vms.map(() => undefined));
      await eventually(() => cache.waiting === 0, 5000);
      const running = vms.filter((vm) => vm.state === "running");
      // Two XML documents per running VM, none for the stopped.
      assertEquals(reads.length, running.length * 2);
      assertEquals(new Set(reads), new Set(running.map((vm) => vm.id)));
      assertEquals(vms.filter((vm) => pending(vm.id)).map((vm) => vm.name), ["vm000", "vm004"]);
      assertEquals(pending(vms[1].id), false);
      assertEquals(pending(vms[2].id), undefined);
      // Lists from now on read nothing more.
      cache.listed(vms);
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(reads.length, running.length * 2);
    } finally {
      cache.close();
    }
  });
});

Deno.test("pending_cache - an edit compares again, a start clears, an old answer is renewed", async () => {
  await withNode(3, async ({ client, counted, reads, vms }) => {
    let now = 1_000_000;
    const cache = new PendingCache({ client: counted, maxAgeMs: 60_000, now: () => now });
    try {
      cache.listed(vms);
      await eventually(() => cache.waiting === 0);
      assertEquals(cache.pendingOf(vms[1].id), false);

      // An edit through this server tells the cache: that VM is compared again at once.
      await moreCpusNextBoot(client, vms[1].id);
      cache.changed(vms[1].id);
      await eventually(() => cache.pendingOf(vms[1].id) === true);

      // A change from outside shows once the answer is older than maxAgeMs.
      await moreCpusNextBoot(client, vms[0].id);
      cache.listed(vms);
      await new Promise((r) => setTimeout(r, 30));
      assertEquals(cache.pendingOf(vms[0].id), false, "still the earlier answer");
      now += 61_000;
      const before = reads.length;
      cache.listed(vms);
      await eventually(() => cache.pendingOf(vms[0].id) === true);
      assertEquals(reads.length - before, 4, "both running VMs compared once more");

      // Off and on again: the start read the definition, nothing waits (libvirt's events).
      await client.call("domainAction", vms[1].id, "destroy");
      await client.call("domainAction", vms[1].id, "create");
      await eventually(() => cache.pendingOf(vms[1].id) === false);
    } finally {
      cache.close();
    }
  });
});
