// The error handler outlives the isolate that set it: a worker silences libvirt's errors and
// stops, then a call on another thread fails. With a JavaScript callback as the handler that
// failure called into the stopped isolate and crashed the process (seen as a SIGSEGV in CI,
// where each test file is an isolate of one process); libvirt's own C function cannot.

import { assertEquals } from "../../tests/support/assert.ts";

const script = `
import { silenceLibvirtErrors } from "${new URL("./silence_errors.ts", import.meta.url)}";
import { cString, lv } from "${new URL("./library.ts", import.meta.url)}";
if (self.name === "silencer") {
  silenceLibvirtErrors();
  self.postMessage("silenced");
} else {
  const worker = new Worker(import.meta.url, { type: "module", name: "silencer" });
  await new Promise((r) => worker.onmessage = r);
  worker.terminate();
  await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < 20; i++) {
    // Fails inside libvirt (no such file), which then calls the handler: on Deno's blocking
    // pool, then on this thread.
    const uri = cString("test:///kvmm-no-such-file.xml");
    if (await lv().virConnectOpenAsync(uri) !== null) throw new Error("the open should fail");
    if (lv().virConnectOpen(uri) !== null) throw new Error("the open should fail");
  }
  console.log("survived");
}
`;

Deno.test("silenced errors - a failure after the silencing isolate stopped neither crashes nor prints", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-silence-" });
  try {
    const file = `${dir}/probe.ts`;
    await Deno.writeTextFile(file, script);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(
      { code: out.code, stdout: new TextDecoder().decode(out.stdout).trim() },
      { code: 0, stdout: "survived" },
      stderr,
    );
    // libvirt's default handler would have printed "libvirt: ... error : ..." for each failure.
    assertEquals(stderr.includes("libvirt:"), false, stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
