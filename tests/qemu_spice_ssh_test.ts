// The SPICE console of a remote host's VM whose SPICE listens on that host's own loopback: the
// proxy reaches it through an ssh tunnel (`ssh -W`, the URI's account and key), as VNC's does. A
// SPICE server says nothing before the client has spoken, so unlike VNC's the tunnel cannot wait
// for a greeting: the status check speaks a link message through it, and the console's sockets
// link the session's main channel and another channel. The remote host is this machine through a
// real sshd on loopback (tests/support/sshd.ts). Fails (never skips) without libvirtd or sshd.
// Only kvmm-test-spicessh-* guests are touched.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import type { HostStatus } from "../shared/hosts.ts";
import { cleanupGuestsNamed, defineTestGuest, virsh, within } from "./support/guest.ts";
import { withRealApp } from "./support/real_app.ts";
import { startSshd } from "./support/sshd.ts";
import { adminToken } from "./harness/test_app.ts";
import { WebSocketWithHeaders, WsBytes } from "./support/rfb.ts";
import { SPICE_CHANNEL, spiceLink } from "./support/spice.ts";

const PREFIX = "kvmm-test-spicessh-";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("qemu spice ssh - a remote host's SPICE on its loopback is reached through an ssh tunnel", async () => {
  await cleanupGuestsNamed(PREFIX);
  const xmlFile = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  const sshd = await startSshd();
  try {
    const guest = await defineTestGuest(`${PREFIX}${Deno.pid}`);
    const xml = (await virsh("dumpxml", "--inactive", guest.name)).replace(
      /<graphics type='vnc'[^>]*?(\/>|>[^]*?<\/graphics>)/,
      "<graphics type='spice' port='-1' autoport='yes' listen='127.0.0.1'/>",
    );
    assertMatch(xml, /<graphics type='spice'/);
    await Deno.writeTextFile(xmlFile, xml);
    await virsh("define", xmlFile);

    await withRealApp({ dataDir: sshd.dataDir }, async ({ app, ctx, call }) => {
      const added = await call("POST", "/api/hosts", { name: "spice-ssh", uri: sshd.libsshUri });
      assertEquals(added.status, 201, JSON.stringify(added.body));
      let status: HostStatus | undefined;
      for (let i = 0; i < 300 && !status?.connected; i++) {
        status = ((await call("GET", "/api/hosts")).body as HostStatus[])
          .find((h) => h.id === "spice-ssh");
        await sleep(50);
      }
      assertEquals(status?.connected, true, `ssh host: ${status?.error}\n${sshd.log()}`);
      const h = "?host=spice-ssh";
      assertEquals((await call("POST", `/api/vms/${guest.name}/start${h}`)).status, 200);
      const sessions = () => sshd.opensshSessions();
      const before = sessions();

      // The status check links the main channel through the tunnel and reads QEMU's answer.
      const display = await call("GET", `/api/vms/${guest.name}/spice/status${h}`);
      assertEquals([display.status, display.body], [200, { reachable: true }]);

      const served = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
      const sockets: WebSocket[] = [];
      try {
        const base = `127.0.0.1:${served.addr.port}`;
        const headers = { authorization: `Bearer ${adminToken(ctx)}` };
        const res = await fetch(`http://${base}/api/vms/${guest.name}/console-ticket${h}`, {
          method: "POST",
          headers,
        });
        assertEquals(res.status, 200);
        const { ticket } = await res.json();
        const open = async () => {
          const ws = new WebSocketWithHeaders(
            `ws://${base}/api/vms/${guest.name}/spice${h}&ticket=${ticket}`,
            { headers },
          );
          sockets.push(ws);
          const bytes = new WsBytes(ws);
          await within(new Promise((ok) => ws.addEventListener("open", ok)), 20_000, "open");
          return bytes;
        };
        const main = await spiceLink(await open());
        assertEquals([main.major, main.error, main.pubKey.length], [2, 0, 162]);
        const other = await spiceLink(await open(), {
          channelType: SPICE_CHANNEL.DISPLAY,
          connectionId: 1,
        });
        assertEquals(other.error, 0, "a second channel's socket through its own tunnel");
      } finally {
        for (const ws of sockets) ws.close();
        await served.shutdown();
      }
      assert(sessions() >= before + 3, `an ssh session per connection:\n${sshd.log()}`);
      assertEquals((await call("POST", `/api/vms/${guest.name}/force-stop${h}`)).status, 200);
    });
  } finally {
    await sshd.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(xmlFile).catch(() => {});
  }
});
