import { assertEquals } from "../../tests/support/assert.ts";
import { withTestApp } from "../test_app.ts";

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
