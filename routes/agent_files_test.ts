import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import { agentFileRoutes } from "./agent_files.ts";

Deno.test("agent files - the bundle, unit and config from the build dir; nothing else", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-agent-files-" });
  try {
    await Deno.writeTextFile(`${dir}/kvmm-agent.js`, "// kvmm-agent 1.0.0\n");
    await Deno.writeTextFile(`${dir}/config.json`, "{}");
    const app = agentFileRoutes(dir);
    const js = await app.request("/kvmm-agent.js");
    assertEquals(js.status, 200);
    assertEquals(js.headers.get("content-disposition"), 'attachment; filename="kvmm-agent.js"');
    assertMatch(await js.text(), /^\/\/ kvmm-agent/);
    assertEquals(
      (await app.request("/config.json")).headers.get("content-type")?.split(";")[0],
      "application/json",
    );
    const unbuilt = await app.request("/kvmm-agent.service");
    assertEquals(unbuilt.status, 404);
    assertEquals((await unbuilt.json()).code, "NOT_BUILT");
    assertEquals((await app.request("/..%2Fetc%2Fpasswd")).status, 404);
    assertEquals((await app.request("/main.ts")).status, 404);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("agent files - the real build has all three", async () => {
  const app = agentFileRoutes();
  for (const f of ["kvmm-agent.js", "kvmm-agent.service", "config.json"]) {
    assertEquals((await app.request(`/${f}`)).status, 200, `${f}: run deno task build first`);
  }
  assertMatch(await (await app.request("/kvmm-agent.service")).text(), /ExecStart=.*--allow-all/);
});
