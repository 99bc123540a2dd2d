import { assertEquals } from "../tests/support/assert.ts";
import { graphicalConsole } from "./graphical_console.ts";
import type { Graphics } from "./vms.ts";

const display = (type: string): Graphics => ({
  type,
  port: null,
  listen: "127.0.0.1",
  autoport: true,
  socket: null,
});

Deno.test("graphical console - the VM's own first VNC or SPICE display decides", () => {
  assertEquals(graphicalConsole([display("vnc")]), "vnc");
  assertEquals(graphicalConsole([display("spice")]), "spice");
  // Both: the one the VM lists first, as virt-manager shows.
  assertEquals(graphicalConsole([display("spice"), display("vnc")]), "spice");
  assertEquals(graphicalConsole([display("vnc"), display("spice")]), "vnc");
  // Displays the browser cannot show are passed over.
  assertEquals(graphicalConsole([display("egl-headless"), display("spice")]), "spice");
  assertEquals(graphicalConsole([display("sdl")]), null);
  assertEquals(graphicalConsole([]), null);
});
