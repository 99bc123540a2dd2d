import { assertEquals } from "../../tests/support/assert.ts";
import { sameMachine } from "./same_machine.ts";

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
