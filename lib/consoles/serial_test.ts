import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { SerialConsoles, serialDeviceOf } from "./serial.ts";

const domainXml = (devices: string) =>
  `<domain type='kvm'><name>x</name><devices>${devices}</devices></domain>`;

Deno.test("serial - the device libvirt opens: first console, else first serial", () => {
  assertEquals(serialDeviceOf(domainXml("")), null);
  assertEquals(
    serialDeviceOf(domainXml(`<graphics type='vnc'/><channel type='unix'/>`)),
    null,
    "channels are not consoles",
  );
  assertEquals(
    serialDeviceOf(domainXml(`<serial type='pty'><target port='0'/></serial>`)),
    { element: "serial", type: "pty" },
  );
  assertEquals(
    serialDeviceOf(domainXml(
      `<serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/></serial>
       <serial type='pty'/>
       <console type='pty' tty='/dev/pts/3'><target type='serial' port='0'/></console>`,
    )),
    { element: "console", type: "pty" },
  );
  assertEquals(
    serialDeviceOf(domainXml(`<serial type='file'><source path='/tmp/x'/></serial>`)),
    { element: "serial", type: "file" },
  );
});

/** An AppError's status, code and message, or a failure when `p` does not reject with one. */
async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e) => e);
  assert(err instanceof AppError, `expected an AppError, got ${err}`);
  return { status: err.status, code: err.code, message: err.message };
}

Deno.test("serial - refusals on libvirt's test driver, in the API's words", async () => {
  const client = new LibvirtClient({ uri: "test:///default" });
  const name = `kvmm-ser-unit-${crypto.randomUUID().slice(0, 8)}`;
  const tcp = `${name}-tcp`;
  const define = (n: string, serial: string) =>
    client.call(
      "domainDefine",
      `<domain type='test'><name>${n}</name><memory unit='MiB'>64</memory>
        <os><type arch='x86_64'>hvm</type></os><devices>${serial}</devices></domain>`,
    );
  try {
    assert(await client.connect());
    const consoles = new SerialConsoles({ client: () => client });
    assertEquals(await refusal(consoles.open("no-such-vm")), {
      status: 404,
      code: "VM_NOT_FOUND",
      message: "VM not found: no-such-vm",
    });
    // The demo domain runs but has no serial port.
    assertEquals(await refusal(consoles.open("test")), {
      status: 409,
      code: "NO_SERIAL",
      message: "This VM has no serial console",
    });

    await define(name, "<serial type='pty'><target port='0'/></serial>");
    assertEquals(await refusal(consoles.open(name)), {
      status: 409,
      code: "VM_NOT_RUNNING",
      message: "VM is not running",
    });
    await client.call("domainAction", name, "create");
    assertEquals(await refusal(consoles.open(name, { force: true })), {
      status: 501,
      code: "NOT_SUPPORTED",
      message: "Serial consoles are not available on this connection: " +
        "this function is not supported by the connection driver: virDomainOpenConsole",
    });
    assertEquals(consoles.holders((await client.call("domainState", name)).uuid), 0);

    await define(
      tcp,
      "<serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/>" +
        "<protocol type='raw'/><target port='0'/></serial>",
    );
    await client.call("domainAction", tcp, "create");
    assertEquals(await refusal(consoles.open(tcp)), {
      status: 409,
      code: "SERIAL_NOT_PTY",
      message: "This VM's console is a tcp device: only a pty console can be opened",
    });
  } finally {
    for (const n of [name, tcp]) {
      await client.call("domainAction", n, "destroy").catch(() => {});
      await client.call("domainUndefine", n, 0).catch(() => {});
    }
    await client.close();
  }
});
