import { assertEquals } from "../../tests/support/assert.ts";
import { remoteHostOf } from "./vnc.ts";

Deno.test("console - a remote host's address comes from its URI; local URIs have none", () => {
  assertEquals(remoteHostOf("qemu+ssh://root@rack-2.example/system?no_tty=1"), "rack-2.example");
  assertEquals(remoteHostOf("qemu+tls://[2001:db8::1]/system"), "2001:db8::1");
  assertEquals(remoteHostOf("qemu:///system"), null);
  assertEquals(remoteHostOf("test:///default"), null);
  assertEquals(remoteHostOf("test:///tmp/node.xml"), null);
});
