import { assert, assertEquals } from "../lib/testing/assert.ts";
import { type DeviceConnection, fileConnection, findDevice, serveDevice } from "./device.ts";
import { PORT_NAME, type RpcResponse } from "./protocol.ts";
import "./test_util.ts";

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

Deno.test("device - reopened after an open failure and after the host goes away", async () => {
  const events: string[] = [];
  const abort = new AbortController();
  const answers: string[] = [];
  let opens = 0;
  const open = (path: string): Promise<DeviceConnection> => {
    opens++;
    events.push(`open ${path}`);
    if (opens === 1) return Promise.reject(new Error("Device or resource busy"));
    // 2nd: the host is not connected (end of file at once); 3rd: a ping, then the host leaves.
    const input = opens === 3
      ? [new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"ping"}\n')]
      : [];
    return Promise.resolve({
      read: async (p) => {
        const next = input.shift();
        if (!next) {
          // Give the answer time to be written before this connection ends.
          await new Promise((r) => setTimeout(r, 20));
          if (opens === 3) abort.abort();
          return null;
        }
        p.set(next);
        return next.length;
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
  assertEquals(events, [
    "open /dev/test-port",
    "open /dev/test-port",
    "close",
    "open /dev/test-port",
    "close",
  ]);
  assertEquals(answers, ['{"jsonrpc":"2.0","id":1,"result":{"pong":true}}\n']);
  assert(abort.signal.aborted);
});
