// Several hosts in one app: a second test-driver node added by URI, its own VMs behind ?host=,
// the merged view, and hosts that are down or hang.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { deadHosts } from "../../tests/support/dead_hosts.ts";
import { eventually, withTestApp } from "../../tests/harness/test_app.ts";
import type { AllHostsVms, HostStatus } from "../../shared/hosts.ts";
import type { VmSummary } from "../../shared/vms.ts";

async function withSecondNode(fn: (uri: string) => Promise<void>) {
  const node = await writeTestNode([
    { name: "b-web", runstate: 5, vcpus: 1, memoryMb: 512 },
    { name: "b-db", runstate: 1, vcpus: 2, memoryMb: 1024 },
  ]);
  try {
    await fn(node.uri);
  } finally {
    await node.remove();
  }
}

Deno.test("hosts - a second host by URI: its own VMs, actions and events behind ?host=", async () => {
  await withSecondNode((uri) =>
    withTestApp(async ({ req, app, token }) => {
      const res = await req("POST", "/api/hosts", { name: "Rack B", uri });
      assertEquals(res.status, 201);
      const added: HostStatus = await res.json();
      assertEquals([added.id, added.name, added.local], ["rack-b", "Rack B", false]);
      let hosts: HostStatus[] = [];
      for (let i = 0; i < 200 && !hosts.find((h) => h.id === "rack-b")?.connected; i++) {
        hosts = await (await req("GET", "/api/hosts")).json();
        await new Promise((r) => setTimeout(r, 10));
      }
      assertEquals(hosts.map((h) => [h.id, h.connected]), [["local", true], ["rack-b", true]]);

      const local: VmSummary[] = await (await req("GET", "/api/vms")).json();
      const remote: VmSummary[] = await (await req("GET", "/api/vms?host=rack-b")).json();
      assertEquals(local.map((v) => v.name).sort(), ["cache", "db", "web"]);
      assertEquals(remote.map((v) => v.name).sort(), ["b-db", "b-web"]);

      // An action on host B changes host B only.
      assertEquals((await req("POST", "/api/vms/b-web/start?host=rack-b")).status, 200);
      const after = await (await req("GET", "/api/vms/b-web?host=rack-b")).json();
      assertEquals(after.state, "running");
      assertEquals((await req("GET", "/api/vms/b-web")).status, 404, "not on the local host");
      assertEquals((await req("POST", "/api/vms/db/start?host=rack-b")).status, 404);

      // Pages follow ?host= and remember it for the next page.
      const page = await app.request("http://localhost/vms?host=rack-b", {
        headers: { accept: "text/html" },
      });
      assertEquals(page.status, 200);
      const html = await page.text();
      assert(html.includes('<meta name="kvmm-host" content="rack-b"'), "the page names its host");
      assert(html.includes("b-web") && !html.includes(">cache<"), "host B's VMs only");
      const cookie = page.headers.get("set-cookie") ?? "";
      assert(cookie.startsWith("kvmm_host=rack-b;"), cookie);
      const next = await app.request("http://localhost/vms", {
        headers: {
          accept: "text/html",
          cookie: "kvmm_host=rack-b",
          authorization: `Bearer ${token}`,
        },
      });
      assert((await next.text()).includes("b-db"), "the chosen host sticks for pages");
      // The API never takes the cookie: scripts get the host they name or the local one.
      const api: VmSummary[] = await (await app.request("http://localhost/api/vms", {
        headers: { cookie: "kvmm_host=rack-b", authorization: `Bearer ${token}` },
      })).json();
      assertEquals(api.map((v) => v.name).sort(), ["cache", "db", "web"]);
    })
  );
});

Deno.test("hosts - the merged view lists every host's VMs with their host", async () => {
  await withSecondNode((uri) =>
    withTestApp(async ({ req, ctx }) => {
      await req("POST", "/api/hosts", { name: "b", uri });
      await eventually(() => ctx.hosts.get("b").client.state.connected);
      const all: AllHostsVms<VmSummary> = await (await req("GET", "/api/vms?host=all")).json();
      assertEquals(
        all.vms.map((v) => `${v.host}/${v.name}`).sort(),
        ["b/b-db", "b/b-web", "local/cache", "local/db", "local/web"],
      );
      assertEquals(all.hosts.map((h) => [h.id, h.vmCount]), [["local", 3], ["b", 2]]);
      const page = await (await req("GET", "/vms?host=all")).text();
      assert(
        page.includes('href="/vms/b-web?host=b"') || page.includes("?host=b"),
        "links name the host",
      );
      // Other pages show one host: asking them for all leads to the merged list.
      const other = await req("GET", "/storage?host=all");
      assertEquals([other.status, other.headers.get("location")], [303, "/vms?host=all"]);
    })
  );
});

Deno.test("hosts - a host that refuses or hangs is disconnected and holds nobody up", async () => {
  const dead = deadHosts();
  const { held } = dead;
  try {
    await withTestApp(async ({ req, ctx }) => {
      assertEquals(
        (await req("POST", "/api/hosts", { name: "silent", uri: dead.silentUri })).status,
        201,
      );
      assertEquals(
        (await req("POST", "/api/hosts", { name: "gone", uri: dead.goneUri })).status,
        201,
      );
      await eventually(() => held.length > 0, 5000);
      let gone: HostStatus | undefined;
      for (let i = 0; i < 500 && !gone?.error; i++) {
        gone = (await (await req("GET", "/api/hosts")).json() as HostStatus[])
          .find((h) => h.id === "gone");
        await new Promise((r) => setTimeout(r, 10));
      }
      assertEquals(gone?.connected, false);
      assert(/refused|connect/i.test(gone?.error ?? ""), `gone: ${gone?.error}`);

      // While "silent" still holds its connection open, unanswered, the local host answers and
      // the merged view reports the other two as disconnected.
      const all: AllHostsVms<VmSummary> = await (await req("GET", "/api/vms?host=all")).json();
      assertEquals(all.vms.filter((v) => v.host === "local").length, 3);
      assertEquals(
        all.hosts.map((h) => [h.id, h.connected]),
        [["local", true], ["gone", false], ["silent", false]],
      );
      assertEquals((await req("GET", "/api/vms?host=silent")).status, 503);
      assertEquals((await req("GET", "/api/vms")).status, 200);
      // All that answered while silent's connections are still open and unanswered.
      assert(held.length >= 1 && !ctx.hosts.get("silent").client.state.connected);

      assertEquals((await req("DELETE", "/api/hosts/silent")).status, 204);
      assertEquals((await req("GET", "/api/vms?host=silent")).status, 404);
    });
  } finally {
    dead.close();
  }
});

Deno.test("hosts - refusals: bad input, duplicates, the local host, roles", async () => {
  await withTestApp(async ({ req, app, tokenFor }) => {
    const bad = await req("POST", "/api/hosts", { name: "x", uri: "qemu+ssh://u:pw@h/system" });
    assertEquals(bad.status, 400);
    assertEquals((await bad.json()).code, "INVALID_HOST");
    assertEquals((await req("POST", "/api/hosts", "{")).status, 400);
    const ok = await req("POST", "/api/hosts", { name: "x", uri: "test:///default" });
    assertEquals(ok.status, 201);
    const dup = await req("POST", "/api/hosts", { name: "X", uri: "test:///default" });
    assertEquals([dup.status, (await dup.json()).code], [409, "HOST_EXISTS"]);
    const local = await req("DELETE", "/api/hosts/local");
    assertEquals([local.status, (await local.json()).code], [409, "LOCAL_HOST"]);
    const one = await req("GET", "/api/hosts/x");
    assertEquals([one.status, (await one.json()).uri], [200, "test:///default"]);
    assertEquals((await req("GET", "/api/hosts/nope")).status, 404);
    const unknown = await req("GET", "/api/vms?host=nope");
    assertEquals(await unknown.json(), { code: "HOST_NOT_FOUND", message: "Host not found: nope" });

    const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
    const list = await app.request("http://localhost/api/hosts", { headers: viewer });
    assertEquals(list.status, 200);
    const add = await app.request("http://localhost/api/hosts", {
      method: "POST",
      headers: { ...viewer, "content-type": "application/json" },
      body: JSON.stringify({ name: "y", uri: "qemu+tcp://127.0.0.1:1/system" }),
    });
    assertEquals(add.status, 403);
  });
});

Deno.test("hosts - a URI naming a program, socket or key past a check of '&' alone is refused", async () => {
  // The finding: libvirt also splits the query on ';', so `?no_tty=1;command=PROG` carried a
  // program that libvirt ran as root on every reconnect, once POST /api/hosts had answered 201.
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hosts-uri-" });
  const prog = `${dir}/prog`;
  const ran = `${dir}/ran`;
  await Deno.writeTextFile(prog, `#!/bin/sh\ntouch ${ran}\nexit 1\n`, { mode: 0o755 });
  await Deno.chmod(prog, 0o755);
  const key = `${dir}/host_key`;
  await Deno.writeTextFile(key, "not a key\n", { mode: 0o600 });
  await Deno.chmod(key, 0o600);
  try {
    await withTestApp(async ({ req }) => {
      const cases: [string, string][] = [
        [`qemu+ssh://127.0.0.1/system?no_tty=1;command=${prog}`, 'URI parameter "command"'],
        [`qemu+ssh://127.0.0.1/system?no_tty=1;Comm%61nd=${prog};`, 'URI parameter "Command"'],
        [`qemu+libssh://127.0.0.1/system?sshauth=privkey;netcat=${prog}`, '"netcat" is refused'],
        [`qemu+EXT:///system?command=${prog}`, 'Unsupported URI scheme "qemu+EXT"'],
        [`qemu+unix:///system?socket=${dir}/sock`, '"socket" may only name'],
        [`qemu+ssh://127.0.0.1/system?no_tty=1;keyfile=${key}`, '"keyfile" must name a file in'],
      ];
      for (const [uri, words] of cases) {
        const res = await req("POST", "/api/hosts", { name: "h", uri });
        const body = await res.json();
        assertEquals([res.status, body.code], [400, "INVALID_HOST"], `${uri}: ${body.message}`);
        assert(body.message.includes(words), `${uri}: "${body.message}" says "${words}"`);
      }
      const hosts: HostStatus[] = await (await req("GET", "/api/hosts")).json();
      assertEquals(hosts.map((h) => h.id), ["local"]);
    });
    // Nothing was added, so nothing connected and ran the program.
    assertEquals(await Deno.stat(ran).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hosts - a test:// URI reads no file of the server's, and errors quote none", async () => {
  // The finding: {"uri":"test:///etc/shadow"} answered 201, and GET /api/hosts/ID (viewers too)
  // showed the file's first line in the connection error.
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hosts-test-uri-" });
  const secret = `kvmm-secret-${crypto.randomUUID()}`;
  // A node file the test driver cannot read: its lines would be quoted in libvirt's words.
  const junk = `${dir}/junk.xml`;
  await Deno.writeTextFile(junk, `${secret}:*:20228:0:99999:7:::\n<node>${secret}</nodex>\n`);
  try {
    await withTestApp(async ({ req, app, tokenFor }) => {
      for (const uri of ["test:///etc/shadow", `test://${dir}/junk`, "test://h/default"]) {
        const res = await req("POST", "/api/hosts", { name: "x", uri });
        const body = await res.json();
        assertEquals([res.status, body.code], [400, "INVALID_HOST"], `${uri}: ${body.message}`);
        assert(body.message.startsWith("A test:// URI is test:///default or"), body.message);
      }
      // This server runs on the test driver, so a node file may be a host; a broken one shows
      // where it failed and nothing of what it holds.
      assertEquals(
        (await req("POST", "/api/hosts", { name: "junk", uri: `test://${junk}` })).status,
        201,
      );
      const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
      let status: HostStatus | undefined;
      for (let i = 0; i < 200 && !status?.error; i++) {
        await new Promise((r) => setTimeout(r, 10));
        status = await (await req("GET", "/api/hosts/junk")).json();
      }
      assertEquals(status?.connected, false);
      assertEquals(status?.error, `${junk}:1: not well-formed XML`);
      const answers = [
        await req("GET", "/api/hosts"),
        await req("GET", "/api/hosts/junk"),
        await req("GET", "/api/vms?host=junk"),
        await req("GET", "/api/vms?host=all"),
        await app.request("http://localhost/api/hosts/junk", { headers: viewer }),
      ];
      for (const res of answers) {
        const text = await res.text();
        assert(!text.includes(secret) && !text.includes("20228"), `${res.url}: ${text}`);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
