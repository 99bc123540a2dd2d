// A VM whose VNC listens on a UNIX socket instead of a TCP port, on real QEMU: the console proxy
// finds the socket in the live XML (libvirt names it) and speaks RFB through it, and the status
// check says the display answers. Fails (never skips) without libvirtd. Only kvmm-test-vsock-*
// guests are touched.

import type { Server } from "../main.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import { openRfbSocket, rfbHandshake, sendBytes, u16 } from "./support/rfb.ts";

const PREFIX = "kvmm-test-vsock-";

Deno.test("qemu vnc socket - the console proxy reaches a display on a UNIX socket", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  const xmlFile = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  let server: Server | undefined;
  try {
    const guest = await defineTestGuest(`${PREFIX}${Deno.pid}`);
    // The same guest with its VNC on a socket libvirt names.
    const xml = (await virsh("dumpxml", "--inactive", guest.name)).replace(
      /<graphics type='vnc'[^>]*?(\/>|>[^]*?<\/graphics>)/,
      "<graphics type='vnc'><listen type='socket'/></graphics>",
    );
    assertMatch(xml, /<listen type='socket'\/>/);
    await Deno.writeTextFile(xmlFile, xml);
    await virsh("define", xmlFile);

    server = await startRealServer(dataDir);
    await adminCall(server, "POST", `/api/vms/${guest.uuid}/start`);
    await waitForGuestReady(guest.name);
    const live = await virsh("dumpxml", guest.name);
    const path = /<listen type='socket' socket='([^']+)'/.exec(live)?.[1];
    assert(path, `libvirt named the socket: ${live.match(/<graphics[^]*?<\/graphics>/)?.[0]}`);
    assertEquals(live.includes("type='vnc' port="), false, "no TCP port");

    assertEquals(
      await adminCall(server, "GET", `/api/vms/${guest.uuid}/vnc/status`),
      { reachable: true },
    );
    const { ticket } = await adminCall<{ ticket: string }>(
      server,
      "POST",
      `/api/vms/${guest.uuid}/console-ticket`,
    );
    const rfb = await openRfbSocket(
      `${server.url.replace(/^http/, "ws")}/api/vms/${guest.uuid}/vnc?ticket=${ticket}`,
      adminHeaders(server),
    );
    try {
      const { width, height } = await rfbHandshake(rfb);
      assert(width > 0 && height > 0, `framebuffer ${width}x${height}`);
      sendBytes(rfb, [3, 0], u16(0), u16(0), u16(width), u16(height));
      const update = await rfb.read(4);
      assertEquals(update.getUint8(0), 0, "FramebufferUpdate");
    } finally {
      rfb.ws.close();
    }
    await virsh("destroy", guest.name);
  } finally {
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(xmlFile).catch(() => {});
  }
});
