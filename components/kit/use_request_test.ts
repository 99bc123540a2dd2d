import { assertEquals } from "../../tests/support/assert.ts";
import { attempt, createRequest } from "./use_request.ts";

const fail = (message: string) => () => Promise.reject(new Error(message));

Deno.test("request - busy while the call runs; its answer, or its failure in the API's words", async () => {
  const request = createRequest();
  let finish!: (v: number) => void;
  const running = request.run(() => new Promise<number>((r) => finish = r));
  assertEquals(request.busy.value, true);
  finish(7);
  assertEquals(await running, 7);
  assertEquals([request.busy.value, request.error.value], [false, null]);
  assertEquals(await request.run(fail("Domain not found: web")), undefined);
  assertEquals([request.busy.value, request.error.value], [false, "Domain not found: web"]);
});

Deno.test("request - the next call clears the failure as it starts, or only once one works", async () => {
  const plain = createRequest();
  await plain.run(fail("libvirtd is not answering"));
  let finish!: () => void;
  const again = plain.run(() => new Promise<void>((r) => finish = r));
  assertEquals(plain.error.value, null);
  finish();
  await again;

  const list = createRequest({
    keepErrorWhileBusy: true,
    initialError: "libvirt is not connected",
  });
  const reading = list.run(() => new Promise<void>((r) => finish = r));
  assertEquals(list.error.value, "libvirt is not connected");
  finish();
  await reading;
  assertEquals(list.error.value, null);
});

Deno.test("request - retry runs the last call again", async () => {
  const request = createRequest();
  await request.retry();
  let calls = 0;
  await request.run(() => ++calls > 1 ? Promise.resolve() : Promise.reject(new Error("busy")));
  assertEquals([calls, request.error.value], [1, "busy"]);
  await request.retry();
  assertEquals([calls, request.error.value], [2, null]);
});

Deno.test("attempt - never throws: an answer or the failure's message", async () => {
  assertEquals(await attempt(() => Promise.resolve("ok")), { ok: true, value: "ok" });
  assertEquals(await attempt(fail("no")), { ok: false, message: "no" });
  assertEquals(await attempt(() => Promise.reject("plain")), { ok: false, message: "plain" });
});
