import { assertEquals } from "../../tests/support/assert.ts";
import { onThisMachine, sameMachine } from "./same_machine.ts";

Deno.test("same machine - only local qemu URIs without a socket of their own", () => {
  const cases: [string, boolean][] = [
    ["qemu:///system", true],
    ["qemu:///session", true],
    ["qemu+unix:///system", true],
    ["qemu+unix:///system?socket=/run/other/libvirt-sock", false],
    ["qemu+ssh://root@host/system", false],
    ["qemu+tcp://127.0.0.1:16621/system", false],
    ["test:///default", false],
    ["not a uri", false],
  ];
  for (const [uri, expected] of cases) assertEquals([uri, sameMachine(uri)], [uri, expected]);
});

Deno.test("on this machine - no host and no remote transport, the test driver too", () => {
  const cases: [string, boolean][] = [
    ["qemu:///system", true],
    ["qemu:///session", true],
    ["qemu+unix:///system", true],
    ["qemu+unix:///system?socket=/run/other/libvirt-sock", true],
    ["test:///default", true],
    ["qemu+ssh://root@host/system", false],
    ["qemu+ssh:///system", false],
    ["qemu+tcp://10.0.0.2/system", false],
    ["qemu://host/system", false],
    ["not a uri", false],
  ];
  for (const [uri, expected] of cases) assertEquals([uri, onThisMachine(uri)], [uri, expected]);
});
