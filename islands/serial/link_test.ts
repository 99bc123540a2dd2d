import { assertEquals } from "../../tests/support/assert.ts";
import { ApiRequestError } from "../../components/client/api.ts";
import { closedState, refusedState, socketUrl } from "./link.ts";

Deno.test("serial link - the socket URL follows the page's scheme and asks for force", () => {
  assertEquals(
    socketUrl("a b", "t/1", false, { protocol: "https:", host: "kvm:8420" }),
    "wss://kvm:8420/api/vms/a%20b/serial?ticket=t%2F1",
  );
  assertEquals(
    socketUrl("vm", "t", true, { protocol: "http:", host: "127.0.0.1:9000" }),
    "ws://127.0.0.1:9000/api/vms/vm/serial?ticket=t&force=1",
  );
});

Deno.test("serial link - how a closed console reads, and when to offer a take-over", () => {
  assertEquals(closedState(4001, "Another client took over the console"), {
    phase: "closed",
    message: "Another client took over the console",
    takeOver: true,
  });
  assertEquals(closedState(1000, "console closed"), {
    phase: "closed",
    message: "Disconnected: console closed",
    takeOver: false,
  });
  assertEquals(closedState(1011, "Serial console failed: stream had I/O failure"), {
    phase: "closed",
    message: "Connection lost: Serial console failed: stream had I/O failure",
    takeOver: false,
  });
  assertEquals(closedState(1006, ""), {
    phase: "closed",
    message: "Connection lost",
    takeOver: false,
  });
  const busy = new ApiRequestError(409, "CONSOLE_BUSY", "Another client holds it");
  assertEquals(refusedState(busy), {
    phase: "closed",
    message: "Another client holds it",
    takeOver: true,
  });
  assertEquals(refusedState(new ApiRequestError(409, "VM_NOT_RUNNING", "VM is not running")), {
    phase: "closed",
    message: "VM is not running",
    takeOver: false,
  });
});
