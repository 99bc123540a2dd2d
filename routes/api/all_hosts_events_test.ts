// GET /api/events?host=all: every host's events in one stream, each naming its host; hosts
// added while it is open join it; every task is told once.

import { assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { eventually, withTestApp } from "../../tests/harness/test_app.ts";

type Frame = { event: string; data: Record<string, unknown> & { host?: string } };

/** Collects a stream's frames in the background; `until` waits for one that `want` matches. */
function collect(res: Response) {
  const frames: Frame[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: "", done: true }));
      if (done) return;
      buf += value;
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return {
    frames,
    until: async (want: (f: Frame) => boolean, what: string) => {
      const end = Date.now() + 3000;
      while (!frames.some(want)) {
        if (Date.now() > end) throw new Error(`no ${what} in ${JSON.stringify(frames)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return frames.find(want)!;
    },
    close: async () => {
      await reader.cancel();
      await reading;
    },
  };
}

Deno.test("all hosts events - one stream of every host's events, each naming its host", async () => {
  const second = await writeTestNode([{ name: "b-web", runstate: 5, vcpus: 1, memoryMb: 512 }]);
  const third = await writeTestNode([{ name: "c-web", runstate: 5, vcpus: 1, memoryMb: 512 }]);
  try {
    await withTestApp(async ({ req, ctx }) => {
      assertEquals((await req("POST", "/api/hosts", { name: "b", uri: second.uri })).status, 201);
      await eventually(() => ctx.hosts.get("b").client.state.connected);

      const res = await req("GET", "/api/events?host=all");
      assertEquals([res.status, res.headers.get("content-type")], [200, "text/event-stream"]);
      const all = collect(res);
      const local = collect(await req("GET", "/api/events"));
      try {
        await all.until((f) => f.data.host === "b", "status of b");
        // It opens with each host's connection status.
        assertEquals(
          all.frames.map((
            f,
          ) => [f.event, f.data.host, (f.data.status as { connected: boolean }).connected]),
          [["connection-status-changed", "local", true], ["connection-status-changed", "b", true]],
        );

        assertEquals((await req("POST", "/api/vms/b-web/start?host=b")).status, 200);
        assertEquals((await req("POST", "/api/vms/db/start")).status, 200);
        const running = (f: Frame, host: string, name: string) =>
          f.event === "vm-state-changed" && f.data.host === host && f.data.name === name &&
          f.data.state === "running";
        await all.until((f) => running(f, "b", "b-web"), "b-web running on b");
        await all.until((f) => running(f, "local", "db"), "db running on local");
        // One host's stream names no host, and hears nothing of b.
        await local.until((f) => f.event === "vm-state-changed" && f.data.name === "db", "db");
        assertEquals(local.frames.some((f) => f.data.name === "b-web" || "host" in f.data), false);

        // A host added while the stream is open joins it.
        assertEquals((await req("POST", "/api/hosts", { name: "c", uri: third.uri })).status, 201);
        await all.until(
          (f) => f.event === "connection-status-changed" && f.data.host === "c",
          "status of c",
        );
        await eventually(() => ctx.hosts.get("c").client.state.connected);
        assertEquals((await req("POST", "/api/vms/c-web/start?host=c")).status, 200);
        await all.until((f) => running(f, "c", "c-web"), "c-web running on c");

        // Every task once, as the local stream tells them, though every host's hub announces it.
        const tasks = (s: { frames: Frame[] }) =>
          s.frames.filter((f) => f.event === "task-changed").map((f) =>
            JSON.stringify(f.data.task)
          );
        await local.until(
          (f) => f.event === "task-changed" && JSON.stringify(f.data).includes("c-web"),
          "c-web task",
        );
        await new Promise((r) => setTimeout(r, 100));
        assertEquals(tasks(all), tasks(local));
      } finally {
        await all.close();
        await local.close();
      }
    });
  } finally {
    await second.remove();
    await third.remove();
  }
});

Deno.test("all hosts events - another host's stream is tracked as the caller: it ends at revoke", async () => {
  const second = await writeTestNode([{ name: "b-web", runstate: 5, vcpus: 1, memoryMb: 512 }]);
  try {
    await withTestApp(async ({ app, req, ctx }) => {
      assertEquals((await req("POST", "/api/hosts", { name: "b", uri: second.uri })).status, 201);
      await eventually(() => ctx.hosts.get("b").client.state.connected);
      const made = ctx.auth.tokens.create({ name: "b-ev", owner: "root", role: "viewer" });
      // A remote host's routes answer through its own app, handed the caller: its identity, and
      // the way to ask who it is now.
      const res = await app.request("http://localhost/api/events?host=b", {
        headers: { authorization: `Bearer ${made.secret}` },
      });
      assertEquals(res.status, 200);
      const stream = collect(res);
      try {
        await stream.until((f) => f.event === "connection-status-changed", "b's status");
        assertEquals(ctx.auth.channels.size, 1);
        ctx.auth.revokeToken(
          { user: "root", role: "admin", vms: "*", via: "session" },
          made.token.id,
        );
        await eventually(() => ctx.auth.channels.size === 0);
      } finally {
        await stream.close();
      }
    });
  } finally {
    await second.remove();
  }
});
