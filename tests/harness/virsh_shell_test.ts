// The shared virsh shell answers as a virsh process of its own would, byte for byte, on libvirt's
// test driver (each shell and process here has a test:///default of its own, so both start from
// the same domains and pools).

import { quoteArg, VirshShell } from "./virsh_shell.ts";
import { runVirsh } from "./virsh.ts";
import { assert, assertEquals } from "../support/assert.ts";

const URI = "test:///default";

async function oneShot(args: string[]) {
  const out = await new Deno.Command("virsh", {
    args: ["-c", URI, ...args],
  }).output();
  const text = new TextDecoder();
  return { ok: out.success, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("virsh shell - answers each command as a virsh process of its own does", async () => {
  const shell = new VirshShell(URI);
  try {
    for (
      const args of [
        ["domstate", "test"],
        ["domiflist", "test"],
        ["nodeinfo"],
        ["dumpxml", "test"],
        ["list", "--all", "--name"],
        ["list", "--all"],
        ["pool-list", "--all"],
        ["vol-list", "default-pool"],
        ["net-info", "default"],
        ["domuuid", "test"],
        ["echo", "a'b c", "x;y", "#z", "$HOME"],
      ]
    ) {
      assertEquals(await shell.run(args), await oneShot(args), args.join(" "));
    }
  } finally {
    await shell.close();
  }
});

Deno.test("virsh shell - an error is told apart, and the shell goes on", async () => {
  const shell = new VirshShell(URI);
  try {
    const missing = await shell.run(["domstate", "no-such-domain"]);
    assertEquals(missing.ok, false);
    assertEquals(missing.stderr, (await oneShot(["domstate", "no-such-domain"])).stderr);
    // A change made through the shell is seen by its next command.
    assert((await shell.run(["destroy", "test"])).ok);
    assertEquals((await shell.run(["domstate", "test"])).stdout, "shut off\n\n");
  } finally {
    await shell.close();
  }
});

Deno.test("virsh shell - an argument comes back as it was given", () => {
  assertEquals(quoteArg("plain"), "'plain'");
  assertEquals(quoteArg("it's"), `'it'\\''s'`);
});

Deno.test("virsh server - answers through its shells, and a failure as a virsh process does", async () => {
  const args = ["domstate", "test"];
  const { stdout, stderr } = await oneShot(args);
  assertEquals(await runVirsh(URI, args), { code: 0, stdout, stderr });
  const missing = await runVirsh(URI, ["domstate", "no-such-domain"]);
  assertEquals(missing.code, 1);
  assertEquals(missing.stderr, (await oneShot(["domstate", "no-such-domain"])).stderr);
  // Many at once: two shells take what they can, processes of their own the rest.
  const all = await Promise.all(
    Array.from({ length: 8 }, () => runVirsh(URI, ["domuuid", "test"])),
  );
  for (const one of all) assertEquals(one.stdout, (await oneShot(["domuuid", "test"])).stdout);
});
