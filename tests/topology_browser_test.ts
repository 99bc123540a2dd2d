// Browser tier for the network topology page on a test-driver node: the host's interfaces, a
// bridge network with a VLAN port group and the VMs drawn left to right; a VM's state change
// arrives by the event stream; the search picks out boxes; a box opens its page; the drawing
// downloads as a standalone SVG; and 200 VMs lay out without one box on another.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, downloadedText, vmId, withDemoServer } from "./support/browser_helpers.ts";
import type { TestDomainSpec } from "./support/test_node.ts";
import { NODE_HEIGHT, NODE_WIDTH } from "../islands/topology/layout.ts";

const HOST = `
  <interface type='ethernet' name='eth0'><start mode='onboot'/>
    <mac address='aa:bb:cc:00:00:01'/></interface>
  <interface type='bridge' name='br0'><start mode='onboot'/>
    <bridge stp='off'><interface type='ethernet' name='eth1'>
      <mac address='aa:bb:cc:00:00:02'/></interface></bridge></interface>
  <network><name>lan</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000001</uuid>
    <forward mode='bridge'/><bridge name='br0'/>
    <portgroup name='office'><vlan><tag id='42'/></vlan></portgroup></network>`;

const box = (id: string) => `g[data-node="${id}"]`;

Deno.test("topology browser - drawn, live, searchable, clickable and downloadable", async () => {
  await withDemoServer(
    async (page, server) => {
      const db = await vmId(server, "db");
      await page.goto(`${server.url}/topology`);
      await page.getByRole("link", { name: "Network topology" }).and(
        page.locator('[aria-current="page"]'),
      ).waitFor();
      const graph = page.locator("svg.topo-graph");
      await graph.waitFor();

      // The wiring: eth1 a member of br0, the lan network on br0, the VMs on the default network.
      for (const id of ["host", "if:eth0", "if:eth1", "if:br0", "net:lan", "net:default"]) {
        await graph.locator(box(id)).waitFor();
      }
      assertEquals(
        await graph.locator('g.topo-link[data-from="if:eth1"][data-to="if:br0"]').count(),
        1,
      );
      assertEquals(
        await graph.locator('g.topo-link[data-from="if:br0"][data-to="net:lan"]').count(),
        1,
      );
      assertEquals(
        (await graph.locator(box("net:lan")).locator(".topo-detail").textContent())?.trim(),
        "Bridge",
      );
      assertEquals(
        (await graph.locator(box("if:br0")).locator(".topo-detail").textContent())?.trim(),
        "Linux bridge",
      );
      // Columns left to right: host, interface, bridge, network, VM.
      const left = async (id: string) => (await graph.locator(box(id)).boundingBox())!.x;
      const order = [
        await left("host"),
        await left("if:eth1"),
        await left("if:br0"),
        await left("net:lan"),
        await left(`vm:${db}`),
      ];
      assertEquals(order, [...order].sort((a, b) => a - b));
      assert(new Set(order).size === order.length, `columns ${order}`);

      // A state change arrives by the event stream and recolours the box in place.
      const dbBox = graph.locator(box(`vm:${db}`));
      assertEquals(await dbBox.getAttribute("class"), "topo-node topo-vm topo-state-stopped");
      assertEquals((await apiAnswer(page, "POST", `/api/vms/${db}/start`)).status, 200);
      await graph.locator(`${box(`vm:${db}`)}.topo-state-running`).waitFor();
      assertEquals((await dbBox.locator(".topo-detail").textContent())?.trim(), "Running");

      // The search dims what does not match and says how much does.
      await page.getByLabel("Find").fill("cach");
      await page.getByText("Found: 1").waitFor();
      assertEquals(await graph.locator("g.topo-node.topo-match").count(), 1);
      assertEquals(
        await graph.locator("g.topo-node.topo-dim").count(),
        await graph.locator("g.topo-node").count() - 1,
      );
      await page.getByLabel("Find").fill("");

      // First drawn to fit the card's width (not below 70 %, to stay legible); zoom changes the
      // drawing's size, not its layout.
      const zoomText = page.locator(".topo-zoom");
      const frameWidth = (await page.locator(".topo-frame").boundingBox())!.width;
      const wide = (await graph.boundingBox())!.width;
      const before = (await zoomText.textContent())!;
      assert(wide <= frameWidth || before === "70 %", `${wide} wide in ${frameWidth} at ${before}`);
      await page.getByRole("button", { name: "Zoom out" }).click();
      await page.locator(".topo-zoom", { hasNotText: before }).waitFor();
      assert((await graph.boundingBox())!.width < wide);
      await page.getByRole("button", { name: "Zoom in" }).click();
      await page.locator(".topo-zoom", { hasText: before }).waitFor();

      // Downloaded, the drawing stands alone: colours written on it, no page classes needed.
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download SVG" }).click();
      const svg = await downloadedText(await download);
      assertEquals((await download).suggestedFilename(), "topology.svg");
      assertMatch(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
      assertMatch(svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assertMatch(svg, />web</);
      assertMatch(svg, />lan</);
      assert(!svg.includes("var(--"), "no page variables left");
      assertMatch(
        svg,
        new RegExp(`<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="rgb\\(`),
      );

      // A VM's box opens the VM.
      await graph.locator(box(`vm:${db}`)).locator("a").click();
      await page.waitForURL(`${server.url}/vms/${db}`);
    },
    undefined,
    { nodeDevices: HOST },
  );
});

const MANY: TestDomainSpec[] = Array.from({ length: 200 }, (_, i) => ({
  name: `vm-${String(i).padStart(3, "0")}`,
  runstate: i % 3 === 0 ? 5 : 1,
}));

Deno.test("topology browser - 3 networks and 200 VMs: every box legible, none on another", async () => {
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/topology`);
      const vms = page.locator("svg.topo-graph g.topo-vm");
      await vms.first().waitFor();
      assertEquals(await vms.count(), 200);
      assertEquals(await page.locator("svg.topo-graph g.topo-network").count(), 3);
      const all = page.locator("svg.topo-graph g.topo-node");
      const boxes = await all.evaluateAll((gs) =>
        gs.map((g) => {
          const r = g.querySelector("rect")!.getBoundingClientRect();
          const label = g.querySelector(".topo-label")!;
          return {
            x: r.x,
            y: r.y,
            w: r.width,
            h: r.height,
            font: parseFloat(getComputedStyle(label).fontSize),
            text: label.textContent,
          };
        })
      );
      // Readable: drawn at the size that fits the card, never below 70 % (13 px names at 9 px
      // or more), every name in full.
      const zoom = parseInt((await page.locator(".topo-zoom").textContent())!) / 100;
      assert(zoom >= 0.7, `zoom ${zoom}`);
      const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
      assert(
        boxes.every((b) =>
          near(b.w, NODE_WIDTH * zoom) && near(b.h, NODE_HEIGHT * zoom) && b.font === 13
        ),
        JSON.stringify(boxes[0]),
      );
      const names = boxes.map((b) => b.text);
      for (const d of MANY) assert(names.includes(d.name), `${d.name} drawn in full`);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y ||
            b.y + b.h <= a.y;
          assert(apart, `${a.text} on ${b.text}`);
        }
      }
      // The last VM scrolls into view when searched for.
      await page.getByLabel("Find").fill("vm-199");
      await page.getByText("Found: 1").waitFor();
      await page.locator("svg.topo-graph g.topo-match").waitFor();
      assert(await page.locator("svg.topo-graph g.topo-match").isVisible());
      const frame = (await page.locator(".topo-frame").boundingBox())!;
      const found = (await page.locator("svg.topo-graph g.topo-match rect").boundingBox())!;
      assert(found.y >= frame.y && found.y + found.height <= frame.y + frame.height, "in view");
    },
    MANY,
    {
      nodeDevices: HOST + `
      <network><name>outside</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000003</uuid>
        <forward mode='nat'/><bridge name='virbr9'/>
        <ip address='10.9.0.1' netmask='255.255.255.0'/></network>`,
    },
  );
});
