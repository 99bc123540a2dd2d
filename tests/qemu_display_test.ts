// The console type and the clipboard channel on real QEMU, set through the API: a TCG guest
// switched to SPICE with SPICE's agent channel, then back to VNC with QEMU's own vdagent
// (`<channel type='qemu-vdagent'>`); each boots, QEMU gives the guest a virtio-serial port named
// com.redhat.spice.0 wired to that channel, and the console proxy reaches the display.
// What no test here can show: text crossing the clipboard, which needs spice-vdagent inside the
// guest (the tiny test guest has none; the README says so).
// Fails (never skips) without libvirtd or without SPICE in QEMU. Only kvmm-test-display-* guests
// are touched.

import type { Server } from "../main.ts";
import type { AppliedChange, Vm } from "../shared/vms.ts";
import { adminCall, withGuestServer } from "./support/real_server.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { virsh, waitForState } from "./support/guest.ts";
import { adminHeaders } from "./support/browser_helpers.ts";

const PREFIX = "kvmm-test-display-";

/** The guest-visible virtio-serial ports QEMU made, with the chardev each one is wired to. */
async function serialPorts(name: string): Promise<Map<string, string>> {
  const qtree = await virsh("qemu-monitor-command", "--hmp", name, "info qtree");
  const ports = new Map<string, string>();
  // Each `dev: virtserialport` block lists `chardev = "…"` and `name = "…"`.
  for (const block of qtree.split(/dev: /).filter((b) => b.startsWith("virtserialport"))) {
    const chardev = /chardev = "([^"]*)"/.exec(block)?.[1] ?? "";
    const port = /\bname = "([^"]*)"/.exec(block)?.[1];
    if (port) ports.set(port, chardev);
  }
  return ports;
}

/** QEMU's chardevs as `info chardev` lists them: label → backend description. */
async function chardevs(name: string): Promise<Map<string, string>> {
  const out = await virsh("qemu-monitor-command", "--hmp", name, "info chardev");
  return new Map(
    out.split("\n").map((l) => /^(\S+): filename=(.*)$/.exec(l.trim())).filter((m) => m !== null)
      .map((m) => [m![1], m![2]]),
  );
}

async function reachable(server: Server, uuid: string, kind: "vnc" | "spice") {
  const res = await fetch(`${server.url}/api/vms/${uuid}/${kind}/status`, {
    headers: adminHeaders(server),
  });
  return [res.status, await res.json()];
}

Deno.test("qemu display - SPICE with its agent channel, then VNC with QEMU's vdagent, set through the API", async () => {
  await withGuestServer(PREFIX, async (s, guest) => {
    const edit = (body: unknown) =>
      adminCall<{ changes: AppliedChange[] }>(s, "PATCH", `/api/vms/${guest.uuid}`, body);

    const { changes } = await edit({ display: "spice", clipboard: true });
    assertEquals(changes.map((c) => [c.field, c.live, c.nextBoot]), [
      ["display", false, true],
      ["clipboard", false, true],
    ]);
    const vm = await adminCall<Vm>(s, "GET", `/api/vms/${guest.uuid}`);
    assertEquals([vm.graphics.map((g) => g.type), vm.clipboard], [["spice"], true]);

    await adminCall(s, "POST", `/api/vms/${guest.uuid}/start`);
    await waitForState(guest.name, "running");
    let live = await virsh("dumpxml", guest.name);
    assertMatch(live, /<graphics type='spice' port='\d+' autoport='yes' listen='127.0.0.1'>/);
    assertMatch(
      live,
      /<channel type='spicevmc'>\s*<target type='virtio' name='com.redhat.spice.0'/,
    );
    let ports = await serialPorts(guest.name);
    const spiceChardev = ports.get("com.redhat.spice.0");
    assert(spiceChardev, `QEMU made the guest's vdagent port: ${[...ports.keys()]}`);
    assertEquals((await chardevs(guest.name)).get(spiceChardev), "spicevmc");
    assertEquals(await reachable(s, guest.uuid, "spice"), [200, { reachable: true }]);

    // A running VM's console changes from its next boot: the live QEMU keeps SPICE.
    const later = await edit({ display: "vnc" });
    assertEquals(later.changes, [{ field: "display", live: false, nextBoot: true }]);
    assertMatch(await virsh("dumpxml", guest.name), /<graphics type='spice'/);
    const running = await adminCall<Vm>(s, "GET", `/api/vms/${guest.uuid}`);
    assertEquals(running.graphics.map((g) => g.type), ["spice"]);
    assertEquals(running.nextBoot, { display: "vnc", clipboard: true });
    await virsh("destroy", guest.name);
    await waitForState(guest.name, "shut off");

    await adminCall(s, "POST", `/api/vms/${guest.uuid}/start`);
    await waitForState(guest.name, "running");
    live = await virsh("dumpxml", guest.name);
    assertMatch(live, /<graphics type='vnc' port='\d+' autoport='yes' listen='127.0.0.1'>/);
    assert(!live.includes("type='spice'"), "SPICE is gone");
    assertMatch(live, /<channel type='qemu-vdagent'>[^]*?<clipboard copypaste='yes'\/>/);
    ports = await serialPorts(guest.name);
    const vdagentChardev = ports.get("com.redhat.spice.0");
    assert(vdagentChardev, `QEMU made the guest's vdagent port: ${[...ports.keys()]}`);
    assertEquals((await chardevs(guest.name)).get(vdagentChardev), "qemu-vdagent");
    assertEquals(await reachable(s, guest.uuid, "vnc"), [200, { reachable: true }]);

    // Clipboard off: the port is gone after the next boot, the agents' channels are not touched.
    await edit({ clipboard: false });
    await virsh("destroy", guest.name);
    await adminCall(s, "POST", `/api/vms/${guest.uuid}/start`);
    await waitForState(guest.name, "running");
    ports = await serialPorts(guest.name);
    assert(!ports.has("com.redhat.spice.0"), `no vdagent port: ${[...ports.keys()]}`);
    assertEquals((await adminCall<Vm>(s, "GET", `/api/vms/${guest.uuid}`)).clipboard, false);
  });
});
