import { assertEquals } from "../../tests/support/assert.ts";
import type { Task } from "../../shared/tasks.ts";
import { SMALL_CONFIG, withTestApp } from "../../tests/harness/test_app.ts";

const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";

/** Reads the stream's "task-changed" events until `last` says one is the last wanted. */
async function readTasks(res: Response, last: (task: Task) => boolean) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const tasks: Task[] = [];
  let buf = "";
  while (!tasks.some(last)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (/^event: task-changed$/m.test(frame) && data) tasks.push(JSON.parse(data).task);
    }
  }
  await reader.cancel();
  return tasks;
}

/** Reads SSE frames from a response until `count` events are seen. */
async function readEvents(res: Response, count: number) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: any }[] = [];
  let buf = "";
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      // Each action is also a task (its own test: routes/api/tasks_test.ts).
      if (event && data && event !== "task-changed") events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

Deno.test("events - the stream starts with connection status, then carries state changes", async () => {
  await withTestApp(async ({ req }) => {
    const res = await req("GET", "/api/events");
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "text/event-stream");
    const reading = readEvents(res, 2);
    await new Promise((r) => setTimeout(r, 50));
    assertEquals((await req("POST", "/api/vms/db/start")).status, 200);
    const [first, second] = await reading;
    assertEquals(first.event, "connection-status-changed");
    assertEquals(first.data.status.connected, true);
    assertEquals(second.event, "vm-state-changed");
    assertEquals(second.data.name, "db");
    assertEquals(second.data.state, "running");
  });
});

Deno.test("events - a grant limited to some VMs is told of no task about VMs it does not know", async () => {
  await withTestApp(async ({ app, req, tokenFor }) => {
    const token = tokenFor("operator", [WEB]);
    const res = await app.request("http://localhost/api/events", {
      headers: { authorization: `Bearer ${token}` },
    });
    assertEquals(res.status, 200);
    const reading = readTasks(res, (t) => t.target?.id === WEB && t.status !== "running");
    await new Promise((r) => setTimeout(r, 50));
    // Root's create, failed create and batch learn their VMs after they start (or never).
    await (await req("POST", "/api/vms", { name: "secret-new", ...SMALL_CONFIG })).body?.cancel();
    await (await req("POST", "/api/vms", { name: "db", ...SMALL_CONFIG })).body?.cancel();
    await (await req("POST", "/api/vms/batch", { action: "stop", ids: [DB] })).body?.cancel();
    // A task about WEB, which the grant covers: the last one the stream must carry.
    await (await req("POST", `/api/vms/${WEB}/start`)).body?.cancel();
    const seen = await reading;
    assertEquals(seen.map((t) => [t.action, t.target?.name, t.status]), [
      ["vm.start", "web", "running"],
      ["vm.start", "web", "failed"],
    ]);
  });
});

Deno.test("events - a stream ends when its caller's access changes: revoked, narrowed", async () => {
  await withTestApp(async ({ app, ctx }) => {
    const { auth } = ctx;
    /** The stream's end: its body is done once the server ends it. */
    const ended = async (res: Response) => {
      const reader = res.body!.getReader();
      while (!(await reader.read()).done) { /* frames until the server ends it */ }
      return "ended";
    };
    const within = (p: Promise<string>) =>
      Promise.race([p, new Promise<string>((r) => setTimeout(() => r("still open"), 10_000))]);

    const made = auth.tokens.create({ name: "ev", owner: "root", role: "operator", vms: [WEB] });
    const byToken = await app.request("http://localhost/api/events", {
      headers: { authorization: `Bearer ${made.secret}` },
    });
    assertEquals(byToken.status, 200);
    const session = auth.sessions.create("alice", "operator", [WEB], null);
    const bySession = await app.request("http://localhost/api/events", {
      headers: { cookie: `kvmm_session=${session.secret}` },
    });
    assertEquals(bySession.status, 200);
    await new Promise((r) => setTimeout(r, 50));
    assertEquals(auth.channels.size, 2);

    auth.revokeToken({ user: "root", role: "admin", vms: "*", via: "session" }, made.token.id);
    assertEquals(await within(ended(byToken)), "ended", "the revoked token's stream");
    auth.assign("alice", "operator", [DB], "root");
    assertEquals(await within(ended(bySession)), "ended", "the narrowed session's stream");
    for (let i = 0; i < 100 && auth.channels.size > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assertEquals(auth.channels.size, 0, "ended streams are no longer tracked");
  });
});
