import { assertEquals } from "../../tests/support/assert.ts";
import { channelFacts } from "./channels.ts";

const LIVE = `<domain type='qemu' id='7'><name>g</name><devices>
  <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='n'/></interface>
  <channel type='unix'>
    <source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-7-g/org.qemu.guest_agent.0'/>
    <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/>
  </channel>
  <channel type='unix'>
    <source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-7-g/org.kvmmanager.agent.0'/>
    <target type='virtio' name='org.kvmmanager.agent.0' state='disconnected'/>
  </channel>
</devices></domain>`;

Deno.test("channelFacts - reads both agent channels, their state, our socket and the MACs", () => {
  assertEquals(channelFacts(LIVE), {
    active: true,
    qemu: { configured: true, connected: true },
    kvmm: {
      configured: true,
      connected: false,
      socket: "/var/lib/libvirt/qemu/channel/target/domain-7-g/org.kvmmanager.agent.0",
    },
    macs: ["52:54:00:aa:bb:cc"],
  });
});

Deno.test("channelFacts - a stopped VM without channels", () => {
  assertEquals(channelFacts(`<domain type='kvm'><name>off</name><devices/></domain>`), {
    active: false,
    qemu: { configured: false, connected: false },
    kvmm: { configured: false, connected: false, socket: null },
    macs: [],
  });
});

Deno.test("channelFacts - no state mark (a driver that does not track it) means: ask", () => {
  const xml = LIVE.replace(" state='disconnected'", "");
  assertEquals(channelFacts(xml).kvmm.connected, true);
});
