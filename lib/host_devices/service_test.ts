import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { fakeHost } from "../../tests/support/fake_sysfs.ts";
import { testGpu, writeTestNode } from "../../tests/support/test_node.ts";
import { localHostFiles } from "./host_files.ts";
import type { HostFilesSource } from "./remote_snapshot.ts";
import { HostDeviceService } from "./service.ts";

/** The inventory of a test node holding a device at the fake host's route NIC's address. */
async function inventoryWith(source: HostFilesSource | null) {
  const node = await writeTestNode([], testGpu("0000:03:00.0"));
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    return await new HostDeviceService(client, source).inventory();
  } finally {
    await client.close();
    await node.remove();
  }
}

Deno.test("host device service - the host's files say which devices it needs (this machine's or an ssh host's)", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-sys-" });
  try {
    const roots = await fakeHost(root);
    await Deno.writeTextFile(`${roots.proc}/cmdline`, "root=/dev/sda2 intel_iommu=on quiet\n");
    const inv = await inventoryWith({ read: () => Promise.resolve(localHostFiles(roots)) });
    assertEquals(inv.devices.map((d) => [d.address, d.hostUse]), [
      ["0000:03:00.0", { reason: "route", via: "br0" }],
    ]);
    assertEquals([inv.hostUseKnown, inv.hostUseNote], [true, null]);
    assertEquals(inv.iommu.kernelOptions, ["intel_iommu=on"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("host device service - not known for a TLS or TCP host, nor when ssh fails: the page is told why", async () => {
  const tls = await inventoryWith(null);
  assertEquals([tls.devices[0].hostUse, tls.hostUseKnown], [null, false]);
  assert(tls.hostUseNote?.includes("reached over TLS or TCP"), tls.hostUseNote ?? "no note");
  assertEquals(tls.iommu.kernelOptions, []);

  const refused = await inventoryWith({
    read: () => Promise.reject(new Error("root@rack-2: Permission denied (publickey).")),
  });
  assertEquals([refused.devices[0].hostUse, refused.hostUseKnown], [null, false]);
  assertEquals(
    refused.hostUseNote,
    "Which devices this host needs itself could not be read over ssh: root@rack-2: Permission denied (publickey).",
  );
});
