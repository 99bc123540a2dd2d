// When a define's outcome is unknown (its connection was lost), the disks made for the VM go
// only once libvirt, back again, says there is no such VM; a VM found, or no clear answer, keeps
// them. The real late define (a frozen libvirtd) is tests/late_calls_test.ts; here the client's
// answers are scripted, since a connection cannot be cut at one chosen call of a real one.

import { assertEquals } from "../../tests/support/assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { undoMake } from "./late_define.ts";

const lost = () => new LibvirtError(ErrorCode.NO_CONNECT, 0, "not connected");
const settle = () => new Promise((r) => setTimeout(r, 50));

function scripted(lookup: () => Promise<unknown>) {
  const state = { connected: false };
  const asked: string[] = [];
  const client = {
    get state() {
      return state;
    },
    call: (op: string) => {
      asked.push(op);
      return lookup();
    },
  } as unknown as LibvirtClient;
  return { client, state, asked };
}

Deno.test("late define - a define whose connection was lost: disks go only when libvirt says no such VM", async () => {
  const noSuchVm = scripted(() =>
    Promise.reject(new LibvirtError(ErrorCode.NO_DOMAIN, 0, "Domain not found"))
  );
  let undone = 0;
  await undoMake(noSuchVm.client, lost(), { defining: true, name: "web" }, () => {
    undone++;
    return Promise.resolve();
  });
  await settle();
  assertEquals([undone, noSuchVm.asked], [0, []], "nothing while libvirtd is away");
  noSuchVm.state.connected = true;
  await new Promise((r) => setTimeout(r, 700));
  assertEquals([undone, noSuchVm.asked], [1, ["domainXml"]]);

  for (const answer of [() => Promise.resolve("<domain/>"), () => Promise.reject(lost())]) {
    const t = scripted(answer);
    t.state.connected = true;
    let kept = true;
    await undoMake(t.client, lost(), { defining: true, name: "web" }, () => {
      kept = false;
      return Promise.resolve();
    });
    await settle();
    assertEquals([kept, t.asked], [true, ["domainXml"]], "a VM found, or no clear answer");
  }
});

Deno.test("late define - any other failure, or one before the define, is undone at once", async () => {
  const t = scripted(() => Promise.resolve());
  let undone = 0;
  const undo = () => Promise.resolve(void undone++);
  await undoMake(t.client, new LibvirtError(ErrorCode.XML_ERROR, 0, "bad"), {
    defining: true,
    name: "web",
  }, undo);
  await undoMake(t.client, lost(), { defining: false, name: "web" }, undo);
  assertEquals([undone, t.asked], [2, []]);
});
