import { assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import type { DisplayConn } from "./display_conn.ts";
import { spiceLinkCheck, spiceListener } from "./spice.ts";
import { CHANNEL, parseLinkMess } from "./spice_link.ts";

const domain = (devices: string) =>
  `<domain type='qemu'><name>x</name><uuid>6b5a6f1e-0000-4000-8000-000000000001</uuid>
  <memory>1024</memory><devices>${devices}</devices></domain>`;

Deno.test("spice - the listener comes from the live XML's first SPICE display", () => {
  assertEquals(
    spiceListener(domain(
      `<graphics type='vnc' port='5900' listen='127.0.0.1'/>
       <graphics type='spice' port='5901' autoport='yes' listen='127.0.0.1'>
         <listen type='address' address='127.0.0.1'/></graphics>`,
    )),
    { port: 5901, listen: "127.0.0.1", socket: null, tlsOnly: false },
  );
  assertEquals(
    spiceListener(domain(
      `<graphics type='spice'><listen type='socket' socket='/run/libvirt/qemu/x.sock'/></graphics>`,
    )),
    { port: null, listen: null, socket: "/run/libvirt/qemu/x.sock", tlsOnly: false },
  );
  assertEquals(spiceListener(domain(`<graphics type='vnc' port='5900'/>`)), null, "VNC only");
  assertEquals(spiceListener(domain("")), null);
});

Deno.test("spice - a display the browser cannot reach without TLS is told apart", () => {
  const tls = (graphics: string) => spiceListener(domain(graphics))?.tlsOnly;
  assertEquals(
    tls(`<graphics type='spice' autoport='yes' tlsPort='5902' listen='0.0.0.0'/>`),
    true,
  );
  assertEquals(
    tls(`<graphics type='spice' port='5901' tlsPort='5902' defaultMode='secure'/>`),
    true,
  );
  assertEquals(
    tls(`<graphics type='spice' port='5901' tlsPort='5902'>
      <channel name='main' mode='secure'/></graphics>`),
    true,
    "the main channel takes TLS only",
  );
  assertEquals(
    tls(`<graphics type='spice' port='5901' tlsPort='5902' defaultMode='secure'>
      <channel name='main' mode='insecure'/><channel name='display' mode='insecure'/>
      <channel name='inputs' mode='insecure'/><channel name='cursor' mode='insecure'/>
      </graphics>`),
    false,
    "the channels the console needs are plain",
  );
  assertEquals(
    tls(`<graphics type='spice' port='5901' tlsPort='5902'>
      <channel name='playback' mode='secure'/></graphics>`),
    false,
    "only sound takes TLS",
  );
});

/** A display that records what it is sent and answers with `answer` (then ends). */
function fakeDisplay(answer: Uint8Array[]): DisplayConn & { sent: Uint8Array[]; closed: boolean } {
  const sent: Uint8Array[] = [];
  const conn = {
    sent,
    closed: false,
    readable: new ReadableStream<Uint8Array>({
      start(c) {
        for (const part of answer) c.enqueue(part);
        c.close();
      },
    }),
    writable: new WritableStream<Uint8Array>({ write: (chunk) => void sent.push(chunk) }),
    close() {
      conn.closed = true;
    },
  };
  return conn;
}

/** A server's link reply header with `error`, split in two pieces as TCP may deliver it. */
function reply(error: number, magic = "REDQ"): Uint8Array[] {
  const bytes = new Uint8Array(20);
  bytes.set(new TextEncoder().encode(magic));
  const v = new DataView(bytes.buffer);
  v.setUint32(4, 2, true);
  v.setUint32(12, 178, true);
  v.setUint32(16, error, true);
  return [bytes.subarray(0, 7), bytes.subarray(7)];
}

Deno.test("spice - the status check speaks a main channel's link and reads the answer", async () => {
  const ok = fakeDisplay(reply(0));
  await spiceLinkCheck(ok);
  assertEquals(ok.sent.length, 1, "the link message alone: no ticket, so no session starts");
  assertEquals(parseLinkMess(ok.sent[0])?.channelType, CHANNEL.MAIN);
  assertEquals(ok.closed, true);

  const cases: [Uint8Array[], string, string][] = [
    [
      reply(5),
      "NO_SPICE",
      "This VM's SPICE takes TLS only, which the browser console does not speak: let its main, display, inputs and cursor channels use the plain port",
    ],
    [
      reply(7),
      "SPICE_UNREACHABLE",
      "Cannot reach the VM's display: the SPICE server refused the link (error 7)",
    ],
    [
      reply(0, "RFB "),
      "SPICE_UNREACHABLE",
      "Cannot reach the VM's display: what answers there does not speak SPICE",
    ],
    [
      [new Uint8Array(3)],
      "SPICE_UNREACHABLE",
      "Cannot reach the VM's display: the display closed the connection",
    ],
  ];
  for (const [answer, code, message] of cases) {
    const display = fakeDisplay(answer);
    const err = await assertRejects(() => spiceLinkCheck(display), AppError);
    assertEquals([err.code, err.message], [code, message]);
    assertEquals(display.closed, true, "closed after a refusal too");
  }
});
