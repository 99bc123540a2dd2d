// The files a host URI makes libvirt read or write, on a server on qemu:///system: test:// reads
// no file but its built-in demo, and over a real sshd on loopback (tests/support/sshd.ts) with
// known_hosts_verify=auto, libssh writes the host key only to a known_hosts file, never to ssh's
// config, authorized_keys or a new ~/.ssh/rc, through a link or not.

import { assert, assertEquals } from "./support/assert.ts";
import type { HostStatus } from "../shared/hosts.ts";
import { withRealApp } from "./support/real_app.ts";
import { startSshd } from "./support/sshd.ts";
import { writeTestNode } from "./support/test_node.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every entry of `dir`: name → its content (a link: "-> TARGET"). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    files.set(
      entry.name,
      entry.isSymlink
        ? `-> ${await Deno.readLink(path)}`
        : entry.isFile
        ? await Deno.readTextFile(path)
        : "(folder)",
    );
  }
  return files;
}

Deno.test("host uri files - a server on qemu:///system takes no test:// file, not even a node file", async () => {
  const node = await writeTestNode([{ name: "n-web", runstate: 1, vcpus: 1, memoryMb: 256 }]);
  // The first line of a file only root reads, looked for in every answer (never printed).
  const shadow = (await Deno.readTextFile("/etc/shadow")).split("\n")[0];
  try {
    await withRealApp({}, async ({ call }) => {
      for (const uri of ["test:///etc/shadow", node.uri, `test://${node.path}/../node.xml`]) {
        const res = await call("POST", "/api/hosts", { name: "t", uri });
        assertEquals([res.status, res.body.code], [400, "INVALID_HOST"], uri);
        assertEquals(
          res.body.message,
          "A test:// URI may only be test:///default, libvirt's built-in demo",
        );
      }
      const hosts = await call("GET", "/api/hosts");
      assertEquals((hosts.body as HostStatus[]).map((h) => h.id), ["local"]);
      assert(!JSON.stringify(hosts.body).includes(shadow), "no line of /etc/shadow is shown");
    });
  } finally {
    await node.remove();
  }
});

Deno.test("host uri files - over a real sshd, known_hosts_verify=auto writes only a known_hosts file", async () => {
  const sshd = await startSshd();
  try {
    const dir = `${sshd.dataDir}/ssh`;
    // A "known_hosts" that is a link to ssh's config, and one to a missing rc.
    await Deno.symlink(`${dir}/ssh_config`, `${dir}/known_hosts_link`);
    await Deno.symlink(`${dir}/rc`, `${dir}/known_hosts.rc`);
    const before = await snapshot(dir);
    const uriWith = (knownHosts: string) =>
      sshd.libsshUri.replace(`known_hosts=${sshd.knownHostsFile}`, `known_hosts=${knownHosts}`) +
      "&known_hosts_verify=auto";
    assert(uriWith("X").includes("known_hosts=X&"), sshd.libsshUri);
    await withRealApp({ dataDir: sshd.dataDir }, async ({ call }) => {
      // The finding: each of these was taken, and libssh appended the host key to the file
      // (or made ~/.ssh/rc, which sshd runs at every login).
      const refused = ["ssh_config", "rc", "authorized_keys", "client_key", "known_hosts_link"];
      for (const file of [...refused, "known_hosts.rc"]) {
        const res = await call("POST", "/api/hosts", { name: "x", uri: uriWith(`${dir}/${file}`) });
        assertEquals([res.status, res.body.code], [400, "INVALID_HOST"], file);
      }
      const added = await call("POST", "/api/hosts", {
        name: "auto-known",
        uri: uriWith(`${dir}/known_hosts2`),
      });
      assertEquals(added.status, 201, JSON.stringify(added.body));
      let status: HostStatus | undefined;
      for (let i = 0; i < 300 && !status?.connected; i++) {
        await sleep(50);
        status = (await call("GET", "/api/hosts/auto-known")).body as HostStatus;
      }
      assertEquals(status?.connected, true, `${status?.error}\n${sshd.log()}`);
    });
    const after = await snapshot(dir);
    // The one new file is known_hosts2, holding this sshd's host key; nothing else changed.
    const hostKey = (await Deno.readTextFile(`${dir}/host_key.pub`)).split(" ").slice(0, 2);
    const written = after.get("known_hosts2") ?? "";
    assert(written.includes(`${hostKey[0]} ${hostKey[1]}`), written);
    after.delete("known_hosts2");
    assertEquals([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, text] of before) assertEquals(after.get(name), text, name);
  } finally {
    await sshd.close();
  }
});
