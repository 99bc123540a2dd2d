import { assertEquals } from "../tests/support/assert.ts";
import { callsInFlight, countInFlight, noCallsInFlight } from "./in_flight.ts";

const defs = {
  // int usleep(useconds_t usec)
  usleep: { parameters: ["u32"], result: "i32", nonblocking: true },
  // pid_t getpid(void)
  getpid: { parameters: [], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

Deno.test("in flight - a nonblocking call is named while it runs on Deno's threads, and gone once it returns; a blocking one is never counted", async () => {
  const lib = Deno.dlopen("libc.so.6", defs);
  try {
    const libc = countInFlight("libc", lib.symbols, defs);
    assertEquals(libc.getpid(), Deno.pid);
    assertEquals(callsInFlight(), []);
    const sleeping = libc.usleep(300_000);
    const running = callsInFlight();
    assertEquals(running.map((c) => c.name), ["libc usleep"]);
    // Not yet back after 50 ms: the wait answers the call still running.
    assertEquals((await noCallsInFlight(50)).map((c) => c.name), ["libc usleep"]);
    assertEquals(await sleeping, 0);
    assertEquals(await noCallsInFlight(1000), []);
  } finally {
    lib.close();
  }
});
