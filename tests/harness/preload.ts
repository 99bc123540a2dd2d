// Loaded before every test module (`deno test --preload tests/harness/preload.ts`, deno.json's
// test task): every test gets its deadline (../support/test_deadline.ts) and has its answers
// checked against their routes' schemas (answer_check.ts), and a module of the
// real-libvirt tier (tiers.ts) passes the host health gate first (libvirt_gate.ts). When the host
// is sick, such a module's own tests are not registered: it fails once, at once, with the gate's
// line, instead of each of its tests waiting out libvirt's deadlines.

import "../support/test_deadline.ts";
import "./answer_check.ts";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gate } from "./libvirt_gate.ts";
import { talksToRealLibvirt } from "./tiers.ts";
import { callsInFlight } from "../../ffi/in_flight.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function gateThisModule(): Promise<void> {
  if (!Deno.mainModule.startsWith("file:")) return;
  const file = fileURLToPath(Deno.mainModule);
  const path = relative(ROOT, file);
  let source: string;
  try {
    source = await Deno.readTextFile(file);
  } catch {
    return;
  }
  if (!talksToRealLibvirt(path, source)) return;
  const line = await gate();
  if (!line) return;
  const register = Deno.test;
  register({
    name: `host health gate (${path})`,
    fn() {
      const sick = new Error(line);
      sick.stack = line; // the line says it all; a stack through this file would only bury it
      throw sick;
    },
  });
  // The module's own tests would each wait out libvirt's deadlines: they are not registered.
  const none = Object.assign(() => {}, { only: () => {}, ignore: () => {} });
  Object.defineProperty(Deno, "test", { value: none, configurable: true, writable: true });
}

await gateThisModule();

// A nonblocking foreign call still running when this isolate ends writes into buffers deno test
// has freed (ffi/in_flight.ts). The lanes' shared isolates end with a test that waits for such
// calls; a file in an isolate of its own can only be told here, where nothing can wait any more.
globalThis.addEventListener("unload", () => {
  const left = callsInFlight();
  if (left.length === 0) return;
  console.error(
    `still running as this isolate ends (${Deno.mainModule}): ` +
      left.map((c) => `${c.name} (${c.ms} ms)`).join(", "),
  );
});
