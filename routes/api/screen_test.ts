// POST /api/vms/:id/send-key and GET /api/vms/:id/screenshot on libvirt's test driver, which
// presses keys (checking libvirt's own rules) and answers screenshots with a fixed PNG.

import { decode } from "fast-png";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { createApp } from "../app.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

Deno.test("send-key - keys are pressed on a running VM; bad keys, stopped VMs and viewers are refused", async () => {
  await withTestApp(async ({ ctx, req, tokenFor }) => {
    const sent = await req("POST", "/api/vms/web/send-key", { keys: ["ctrl", "alt", "f2"] });
    assertEquals(sent.status, 204, await sent.text());
    ctx.audit.flush();
    const [audit] = ctx.audit.query({ action: "vm.send-key" }).entries;
    assertEquals(audit?.target, "web");

    const refusal = async (body: unknown, vm = "web") => {
      const res = await req("POST", `/api/vms/${vm}/send-key`, body);
      return { status: res.status, body: await res.json() };
    };
    const listWords = 'keys must be a list of 1 to 8 key names, such as ["ctrl", "alt", "delete"]';
    assertEquals(await refusal({ keys: [] }), {
      status: 400,
      body: { code: "BAD_REQUEST", message: listWords },
    });
    assertEquals((await refusal({ keys: "ctrl" })).body.message, listWords);
    assertEquals((await refusal({ keys: Array(9).fill("a") })).body.message, listWords);
    assertEquals(await refusal({ keys: ["ctrl", "hyper"] }), {
      status: 400,
      body: { code: "BAD_REQUEST", message: 'Unknown key "hyper"' },
    });
    assertEquals((await refusal({ keys: ["a", "a"] })).body.message, "A key is named twice");
    assertEquals((await refusal({ keys: ["a"], hold: 5 })).body.message, 'Unknown field "hold"');
    assertEquals(await refusal({ keys: ["esc"] }, "db"), {
      status: 409,
      body: { code: "VM_NOT_RUNNING", message: "VM is not running" },
    });
    assertEquals((await refusal({ keys: ["esc"] }, "nope")).status, 404);

    const viewer = await createApp(ctx).request("http://localhost/api/vms/web/send-key", {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokenFor("viewer")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ keys: ["esc"] }),
    });
    assertEquals(viewer.status, 403);
  });
});

Deno.test("screenshot - a running VM's screen as a PNG at most the asked width, cached while fresh", async () => {
  await withTestApp(async ({ app, ctx, req, tokenFor }) => {
    const res = await req("GET", "/api/vms/web/screenshot?width=200");
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "image/png");
    assertEquals(res.headers.get("cache-control"), "private, max-age=10");
    const first = new Uint8Array(await res.arrayBuffer());
    const png = decode(first);
    // The test driver's image is 1120×832: shrunk to 200 wide, its aspect kept.
    assertEquals([png.width, png.height, png.channels], [200, 149, 3]);
    const values = new Set(png.data);
    assert(values.size > 8, `a picture, not one colour (${values.size} values)`);

    const wide = decode(
      new Uint8Array(await (await req("GET", "/api/vms/web/screenshot")).arrayBuffer()),
    );
    assertEquals(wide.width, 320, "the default width");

    // Asked again within 10 s: the same image, not a new screenshot.
    const again = await req("GET", "/api/vms/web/screenshot?width=200");
    assertEquals(again.headers.get("last-modified"), res.headers.get("last-modified"));
    assertEquals(new Uint8Array(await again.arrayBuffer()), first);

    for (const width of ["0", "31", "641", "abc", "1e3", "-5"]) {
      const bad = await req("GET", `/api/vms/web/screenshot?width=${width}`);
      assertEquals(await bad.json(), {
        code: "BAD_REQUEST",
        message: "width must be a whole number of pixels from 32 to 640",
      }, width);
    }
    const stopped = await req("GET", "/api/vms/db/screenshot");
    assertEquals(stopped.status, 409);
    assertEquals((await stopped.json()).code, "VM_NOT_RUNNING");

    // The screen is the console's: viewers may not see it, operators of other VMs neither.
    for (const token of [tokenFor("viewer"), tokenFor("operator", ["db"])]) {
      const denied = await createApp(ctx).request("http://localhost/api/vms/web/screenshot", {
        headers: { authorization: `Bearer ${token}` },
      });
      assertEquals(denied.status, 403);
    }
    assertEquals((await app.request("http://localhost/api/vms/web/screenshot")).status, 200);
  });
});
