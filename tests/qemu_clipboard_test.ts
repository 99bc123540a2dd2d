// The console's clipboard on real QEMU, through the real server's VNC proxy: text one VNC client
// puts on the VM's clipboard (a plain RFB ClientCutText) reaches another client of the same VM
// through QEMU's clipboard, read with RFB's extended clipboard (notify, request, provide); and
// in Chromium, the console page's Clipboard box receives that text from the VM and sends its own
// to it. A guest's own clipboard agent (spice-vdagent over a qemu-vdagent channel) is not in the
// test guest: QEMU's side of the clipboard is what is proven. Fails (never skips) without
// libvirtd. Only kvmm-test-clip-* guests are touched.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { adminCall, withGuestServer } from "./support/real_server.ts";
import { adminHeaders, openBrowser, signIn } from "./support/browser_helpers.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { virsh } from "./support/guest.ts";
import {
  CLIPBOARD,
  CLIPBOARD_EXT_ENCODING,
  type CutText,
  openRfbSocket,
  providedText,
  readCutText,
  rfbHandshake,
  sendBytes,
  u16,
  u32,
  type WsBytes,
} from "./support/rfb.ts";

const PREFIX = "kvmm-test-clip-";

/** A fresh TCG guest (VNC on loopback) booted, and the real server; both always torn down. */
function withGuest(fn: (s: Server, uuid: string) => Promise<void>) {
  return withGuestServer(PREFIX, async (s, guest) => {
    await fn(s, guest.uuid);
    await virsh("destroy", guest.name);
  }, { boot: true });
}

/** A console connection through the proxy, past the RFB handshake. */
async function openConsole(s: Server, uuid: string): Promise<WsBytes> {
  const { ticket } = await adminCall<{ ticket: string }>(
    s,
    "POST",
    `/api/vms/${uuid}/console-ticket`,
  );
  const rfb = await openRfbSocket(
    `${s.url.replace(/^http/, "ws")}/api/vms/${uuid}/vnc?ticket=${ticket}`,
    adminHeaders(s),
  );
  await rfbHandshake(rfb);
  return rfb;
}

/** SetEncodings: raw, and the extended clipboard; QEMU answers with its clipboard caps. */
async function useExtendedClipboard(rfb: WsBytes): Promise<void> {
  sendBytes(rfb, [2, 0], u16(2), u32(0), u32(CLIPBOARD_EXT_ENCODING));
  const caps = await readCutText(rfb);
  assert("flags" in caps && (caps.flags & CLIPBOARD.caps) !== 0, JSON.stringify(caps));
}

/** A plain ClientCutText (Latin-1). */
function cutText(rfb: WsBytes, text: string): void {
  sendBytes(rfb, [6, 0, 0, 0], u32(text.length), [...text].map((c) => c.charCodeAt(0)));
}

/** After a notify, the text asked for with request and read from provide. */
async function requestText(rfb: WsBytes, notify: CutText): Promise<string> {
  assert("flags" in notify, `an extended message: ${JSON.stringify(notify)}`);
  assert(
    notify.flags & CLIPBOARD.notify && notify.flags & CLIPBOARD.text,
    `notify ${notify.flags}`,
  );
  sendBytes(rfb, [6, 0, 0, 0], u32(-4 >>> 0), u32(CLIPBOARD.request | CLIPBOARD.text));
  const provide = await readCutText(rfb);
  assert("flags" in provide && provide.flags & CLIPBOARD.provide, JSON.stringify(provide));
  return await providedText(provide.payload);
}

Deno.test("qemu clipboard - text one console puts on the VM's clipboard reaches another through QEMU", async () => {
  await withGuest(async (s, uuid) => {
    const reader = await openConsole(s, uuid);
    const writer = await openConsole(s, uuid);
    try {
      await useExtendedClipboard(reader);
      cutText(writer, "kvmm-clip-42 from the first console");
      assertEquals(
        await requestText(reader, await readCutText(reader)),
        "kvmm-clip-42 from the first console",
      );
    } finally {
      reader.ws.close();
      writer.ws.close();
    }
  });
});

Deno.test("qemu clipboard browser - the console's Clipboard box gets the VM's text and sends its own", async () => {
  await withGuest(async (s, uuid) => {
    const browser = await openBrowser();
    let other: WsBytes | undefined;
    try {
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await signIn(page, s);
      await page.goto(`${s.url}/vms/${uuid}/console`);
      await page.getByRole("status").filter({ hasText: "Connected" }).waitFor({ timeout: 20_000 });
      await page.getByRole("button", { name: "Clipboard" }).click();
      const box = page.getByRole("textbox", { name: "Clipboard" });

      // From the VM to the page: another console sets the VM's clipboard.
      other = await openConsole(s, uuid);
      await useExtendedClipboard(other);
      cutText(other, "text from the VM");
      await page.getByRole("status").filter({ hasText: "The guest's clipboard arrived" })
        .waitFor();
      assertEquals(await box.inputValue(), "text from the VM");

      // From the page to the VM: the other console is told and reads the page's text.
      await box.fill("kvmm: from the browser ✓");
      await page.getByRole("button", { name: "Send to guest" }).click();
      await page.getByText("Sent 24 characters to the guest's clipboard").waitFor();
      let got = "";
      for (let i = 0; i < 4 && got === ""; i++) {
        const message = await readCutText(other);
        if ("flags" in message && message.flags & CLIPBOARD.notify) {
          got = await requestText(other, message);
        }
      }
      assertEquals(got, "kvmm: from the browser ✓");
    } finally {
      other?.ws.close();
      await browser.close();
    }
  });
});
