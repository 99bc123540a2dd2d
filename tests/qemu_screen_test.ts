// Real-QEMU tests of the screen and keyboard without a console: keys sent through the API reach
// the guest's PS/2 keyboard (Alt+SysRq+H makes the guest kernel print its SysRq help on the
// serial console), and the screenshot of a booted guest is a PNG of its text console, not a
// blank image. Fails (never skips) without libvirtd. Only kvmm-test-scr-* guests are touched.

import { decode } from "fast-png";
import { adminCall, withGuestServer } from "./support/real_server.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { serialLogPath, virsh } from "./support/guest.ts";

const PREFIX = "kvmm-test-scr-";

Deno.test("qemu screen - send-key reaches the guest's keyboard; a booted guest's screenshot is a picture", async () => {
  await withGuestServer(PREFIX, async (server, guest) => {
    // Alt+SysRq+H: the kernel's SysRq handler answers with its help line on every console.
    await adminCall(server, "POST", `/api/vms/${guest.uuid}/send-key`, {
      keys: ["alt", "sysrq", "h"],
    });
    const log = serialLogPath(guest.name);
    let text = "";
    for (const end = Date.now() + 20_000; Date.now() < end;) {
      text = await Deno.readTextFile(log);
      if (/sysrq: HELP : /.test(text)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert(/sysrq: HELP : /.test(text), `SysRq help on the serial console: ${text.slice(-400)}`);

    const res = await fetch(`${server.url}/api/vms/${guest.uuid}/screenshot?width=640`, {
      headers: adminHeaders(server),
    });
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "image/png");
    const png = decode(new Uint8Array(await res.arrayBuffer()));
    // Shrunk to the width asked; the screen (VGA text mode, 720×400) is wider than high.
    assertEquals([png.width, png.channels], [640, 3]);
    assert(png.height >= 300 && png.height < 640, `height ${png.height}`);
    // Text on a black screen: most pixels dark, a good part of them not.
    let lit = 0;
    for (let i = 0; i < png.data.length; i += 3) {
      if (png.data[i] + png.data[i + 1] + png.data[i + 2] > 120) lit++;
    }
    const pixels = png.width * png.height;
    assert(lit > pixels / 200 && lit < pixels / 2, `text on the screen: ${lit} of ${pixels} lit`);
    await virsh("destroy", guest.name);
  }, { boot: true });
});
