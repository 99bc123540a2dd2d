import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { AppError } from "../errors.ts";
import { domainGet } from "./domains.ts";
import { applyPending } from "./apply_pending.ts";
import { Impact } from "../../ffi/libvirt/domain.ts";

async function withVm(fn: (client: LibvirtClient, id: string) => Promise<void>) {
  const node = await writeTestNode([{ name: "guest", runstate: 1, vcpus: 2, memoryMb: 1024 }]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `cannot open ${node.uri}`);
    const { uuid } = await client.call("domainState", "guest");
    // One vCPU fewer from the next boot.
    await client.call("domainSetVcpus", uuid, 1, Impact.CONFIG);
    await fn(client, uuid);
  } finally {
    await client.close();
    await node.remove();
  }
}

Deno.test("apply_pending - a guest that ignores the shutdown is left running, in words", async () => {
  await withVm(async (client, id) => {
    let asked = 0;
    const started = await applyPending(id, {
      client,
      read: (id) => domainGet({ client, id }),
      // A guest without ACPI handling: the button is pressed, nothing happens.
      stop: () => (asked++, Promise.resolve({ method: "acpi" as const })),
      start: () => Promise.reject(new Error("must not start")),
      timeoutMs: 300,
      pollMs: 20,
    });
    assertEquals(started.pending.map((c) => c.field), ["cpuCount"]);
    assertEquals(started.method, "acpi");
    const err = await assertRejects(() => started.done, AppError);
    assertEquals(err.code, "INVALID_STATE");
    assertEquals(
      err.message,
      "The guest did not shut down within 1 s and still runs the old settings: shut it down from inside, or force stop and start it",
    );
    assertEquals(asked, 1);
    const vm = await domainGet({ client, id });
    assertEquals([vm.state, vm.cpuCount, vm.pending?.length], ["running", 2, 1]);
  });
});

Deno.test("apply_pending - once off it is started, and then runs the definition", async () => {
  await withVm(async (client, id) => {
    const started = await applyPending(id, {
      client,
      read: (id) => domainGet({ client, id }),
      stop: async (uuid) => (await client.call("domainAction", uuid, "shutdown"), {}),
      start: (uuid) => client.call("domainAction", uuid, "create"),
      pollMs: 20,
    });
    await started.done;
    const vm = await domainGet({ client, id });
    assertEquals([vm.state, vm.cpuCount, vm.pending], ["running", 1, []]);
  });
});

/** The service's one-apply-per-VM rule, as lib/vms/service.ts gives it. */
function claims() {
  const held = new Map<string, { superseded: boolean; release(): void }>();
  const claim = (uuid: string) => {
    if (held.has(uuid)) {
      throw new AppError("INVALID_STATE", "This VM's changes are being applied already");
    }
    const c = { superseded: false, release: () => held.delete(uuid) };
    held.set(uuid, c);
    return c;
  };
  return { held, claim };
}

Deno.test("apply_pending - a second apply while one waits is refused; the first's end frees the VM", async () => {
  await withVm(async (client, id) => {
    const { held, claim } = claims();
    const deps = {
      client,
      read: (id: string) => domainGet({ client, id }),
      stop: () => Promise.resolve({ method: "acpi" as const }),
      start: () => Promise.reject(new Error("must not start")),
      timeoutMs: 200,
      pollMs: 20,
      claim,
    };
    const first = await applyPending(id, deps);
    const second = await assertRejects(() => applyPending(id, deps), AppError);
    assertEquals(second.message, "This VM's changes are being applied already");
    await assertRejects(() => first.done, AppError);
    // Released once the first has ended: a new apply may begin.
    await new Promise((r) => setTimeout(r, 0));
    assertEquals(held.size, 0);
  });
});

Deno.test("apply_pending - another power action while it waits: the VM someone stopped stays off", async () => {
  await withVm(async (client, id) => {
    const { claim } = claims();
    let starts = 0;
    let hold: { superseded: boolean } | undefined;
    const started = await applyPending(id, {
      client,
      read: (id) => domainGet({ client, id }),
      // The guest ignores the button; an operator then forces it off (the service marks the
      // waiting apply superseded before any other power action).
      stop: () => Promise.resolve({ method: "acpi" as const }),
      start: () => (starts++, Promise.resolve()),
      pollMs: 20,
      claim: (uuid) => (hold = claim(uuid)),
    });
    hold!.superseded = true;
    await client.call("domainAction", id, "destroy");
    await started.done;
    await new Promise((r) => setTimeout(r, 100));
    assertEquals(starts, 0, "not started again");
    assertEquals((await domainGet({ client, id })).state, "stopped");
  });
});
