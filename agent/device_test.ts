import { assert, assertEquals } from "../tests/support/assert.ts";
import { type DeviceConnection, fileConnection, findDevice, serveDevice } from "./device.ts";
import { PORT_NAME, type RpcResponse } from "./protocol.ts";
import "../tests/harness/test_util.ts";

Deno.test("device - found by the udev link, else by the sysfs port name", async () => {
  const root = await Deno.makeTempDir();
  try {
    const sysPorts = `${root}/sys`;
    for (const [port, name] of [["vport0p1", "org.qemu.guest_agent.0"], ["vport0p2", PORT_NAME]]) {
      await Deno.mkdir(`${sysPorts}/${port}`, { recursive: true });
      await Deno.writeTextFile(`${sysPorts}/${port}/name`, `${name}\n`);
    }
    const link = `${root}/virtio-ports/${PORT_NAME}`;
    assertEquals(await findDevice({ link, sysPorts, dev: "/dev" }), "/dev/vport0p2");
    await Deno.mkdir(`${root}/virtio-ports`);
    await Deno.writeTextFile(link, "");
    assertEquals(await findDevice({ link, sysPorts, dev: "/dev" }), link);
    assertEquals(
      await findDevice({ link: `${root}/none`, sysPorts: `${root}/none`, dev: "/dev" }),
      null,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// Deno runs one async operation at a time per open file, and a read on the port waits until
// the host speaks: an async write would wait behind it for ever. A FIFO opened for reading and
// writing behaves the same way, so it stands in for the port.
Deno.test("device - an answer is written while a read is waiting on the same file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await new Deno.Command("mkfifo", { args: [`${dir}/port`] }).output();
    const conn = fileConnection(await Deno.open(`${dir}/port`, { read: true, write: true }));
    const buf = new Uint8Array(64);
    const pending = conn.read(buf);
    await new Promise((r) => setTimeout(r, 50));
    const wrote = await Promise.race([
      conn.write(new TextEncoder().encode("pong\n")),
      new Promise((r) => setTimeout(() => r("stuck"), 2000)),
    ]);
    assertEquals(wrote, 5);
    const n = await pending;
    assertEquals(new TextDecoder().decode(buf.subarray(0, n!)), "pong\n");
    conn.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("device - kept open while the host is away, reopened after a failure", async () => {
  const events: string[] = [];
  const abort = new AbortController();
  const answers: string[] = [];
  let opens = 0;
  let reads = 0;
  const ping = (id: number) =>
    new TextEncoder().encode(`{"jsonrpc":"2.0","id":${id},"method":"ping"}\n`);
  const open = (path: string): Promise<DeviceConnection> => {
    opens++;
    events.push(`open ${path}`);
    if (opens === 1) return Promise.reject(new Error("Device or resource busy"));
    const mine = opens;
    return Promise.resolve({
      read: async (p) => {
        reads++;
        // 2nd open: the host is away (end of file), then half a request, away again (the half
        // is dropped), a whole ping, then the port fails. 3rd open: a ping, then we stop.
        const script: (Uint8Array | null | "fail")[] = mine === 2
          ? [null, null, ping(1).subarray(0, 10), null, ping(2), null, "fail"]
          : [ping(3), null];
        const step = script[mine === 2 ? reads - 1 : reads - 8];
        await new Promise((r) => setTimeout(r, 5));
        if (step === "fail") throw new Error("Input/output error");
        if (step === null || step === undefined) {
          if (mine === 3 && reads > 8) abort.abort();
          return null;
        }
        p.set(step);
        return step.length;
      },
      write: (p) => {
        answers.push(new TextDecoder().decode(p));
        return Promise.resolve(p.length);
      },
      close: () => events.push("close"),
    });
  };
  const answer = (line: string): Promise<RpcResponse> =>
    Promise.resolve({ jsonrpc: "2.0", id: JSON.parse(line).id, result: { pong: true } });
  await serveDevice({
    device: "/dev/test-port",
    answer,
    open,
    reopenDelayMs: 10,
    signal: abort.signal,
  });
  // Opened once for all the host's comings and goings; again only after the I/O error.
  assertEquals(events, [
    "open /dev/test-port",
    "open /dev/test-port",
    "close",
    "open /dev/test-port",
    "close",
  ]);
  assertEquals(
    answers,
    [2, 3].map((id) => `{"jsonrpc":"2.0","id":${id},"result":{"pong":true}}\n`),
  );
  assert(abort.signal.aborted);
});
