// The host registry over a real store file: hosts outlive a restart, each keeps its own store,
// and removing one forgets it for good.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import type { Config } from "../config.ts";
import { createContext } from "../compose.ts";
import { FEATURES } from "../../routes/features.ts";

Deno.test("host registry - remote hosts come back after a restart, with stores of their own", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-hosts-" });
  const node = await writeTestNode([{ name: "far", runstate: 5, vcpus: 1, memoryMb: 256 }]);
  const config: Config = {
    uri: "test:///default",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
  };
  try {
    const first = createContext(config, { features: FEATURES });
    await first.client.connect();
    first.ctx.hosts.start();
    first.ctx.hosts.add({ name: "Far away", uri: node.uri });
    assertEquals(first.ctx.hosts.list().map((h) => h.id), ["local", "far-away"]);
    await first.close();
    // Its own store and metric history, apart from the app's.
    const stat = await Deno.stat(`${dataDir}/hosts/far-away/kvm-manager.db`);
    assert(stat.isFile);

    const second = createContext(config, { features: FEATURES });
    await second.client.connect();
    assertEquals(second.ctx.hosts.list().map((h) => h.id), ["local"], "not opened before start");
    second.ctx.hosts.start();
    const far = second.ctx.hosts.get("far-away");
    assertEquals([far.name, far.uri, far.local], ["Far away", node.uri, false]);
    for (let i = 0; i < 200 && !far.client.state.connected; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assertEquals((await far.ctx.vms.listVms()).map((v) => v.name), ["far"]);
    // Shared with the local host: sign-in and the audit log are the app's, not per host.
    assert(far.ctx.auth === second.ctx.auth && far.ctx.audit === second.ctx.audit);
    assertEquals(far.ctx.hostId, "far-away");
    await second.ctx.hosts.remove("far-away");
    await second.close();

    const third = createContext(config, { features: FEATURES });
    third.ctx.hosts.start();
    assertEquals(third.ctx.hosts.list().map((h) => h.id), ["local"], "removed for good");
    await third.close();
  } finally {
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("host registry - a stored host whose URI a newer rule refuses is listed, never opened", async () => {
  // A host added before test:// files were refused on a server off the test driver (its first
  // lines were shown in its connection error) is not opened again at start.
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-hosts-" });
  const node = await writeTestNode([{ name: "far", runstate: 5, vcpus: 1, memoryMb: 256 }]);
  const config: Config = {
    uri: "test:///default",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
  };
  try {
    const first = createContext(config, { features: FEATURES });
    first.ctx.hosts.start();
    first.ctx.hosts.add({ name: "Node file", uri: node.uri });
    await first.close();

    // The same store on a server whose own URI is no test one: node files are refused there.
    const second = createContext({ ...config, demo: false }, { features: FEATURES });
    second.ctx.hosts.start();
    await new Promise((r) => setTimeout(r, 300));
    const status = second.ctx.hosts.status("node-file");
    assertEquals([status.uri, status.connected], [node.uri, false]);
    assertEquals(
      status.error,
      "Not opened: its URI is refused now. A test:// URI may only be test:///default, libvirt's " +
        "built-in demo. Remove the host and add it again with a URI that is allowed",
    );
    assertEquals(second.ctx.hosts.get("node-file").client.state.connected, false);
    await second.ctx.hosts.remove("node-file");
    assertEquals(second.ctx.hosts.list().map((h) => h.id), ["local"]);
    await second.close();
  } finally {
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
});
