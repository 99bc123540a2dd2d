// The service's decisions that the test driver cannot show: a guest agent that answers.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import type { AppEvent } from "../../shared/events.ts";
import { SnapshotService } from "./service.ts";

const UUID = "6b5a6f1e-0000-4000-8000-0000000000aa";
const AGENT_XML = `<domain type='kvm'><name>app</name><devices>
  <channel type='unix'><source mode='bind' path='/run/x.sock'/>
    <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel>
</devices></domain>`;

/** A client whose VM runs with a connected agent; records the ops called. */
function stubClient(calls: string[]): LibvirtClient {
  return {
    call: (op: string) => {
      calls.push(op);
      if (op === "domainGet") {
        return Promise.resolve({ uuid: UUID, name: "app", state: 1, xml: AGENT_XML });
      }
      if (op === "snapshotList") return Promise.resolve([]);
      return Promise.reject(new Error(`unexpected op ${op}`));
    },
  } as unknown as LibvirtClient;
}

Deno.test("snapshots service - quiesce refused with a connected agent: memory snapshots are not frozen", async () => {
  const calls: string[] = [];
  const events: AppEvent[] = [];
  const service = new SnapshotService({ client: stubClient(calls), emit: (e) => events.push(e) });
  const err = await assertRejects(() => service.create(UUID, { quiesce: true }), AppError);
  assertEquals([err.status, err.code], [409, "SNAPSHOT_UNSUPPORTED"]);
  assert(err.message.startsWith("Cannot quiesce a snapshot with memory:"), err.message);
  assertEquals(calls, ["domainGet"], "refused before libvirt is asked to create anything");
  assertEquals(events, []);
});
