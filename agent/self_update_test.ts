import { assert, assertEquals, assertMatch, assertRejects } from "../tests/support/assert.ts";
import { AgentError } from "./errors.ts";
import { updateAgent } from "./self_update.ts";
import { callWith, errorOf, testConfig } from "../tests/harness/test_util.ts";
import { AGENT_VERSION } from "./version.ts";

const OLD = "// the running agent\n";
/** A stand-in bundle that answers --version as the real one does. */
const bundle = (version: string) =>
  `if (Deno.args.includes("--version")) console.log("kvmm-agent ${version} (protocol 1)");\n`;

const sha256 = async (text: string) =>
  Array.from(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
  ).map((b) => b.toString(16).padStart(2, "0")).join("");

/** A folder with the "running" bundle in it; removed afterwards. */
async function withInstall(fn: (self: string, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-selfupdate-" });
  const self = `${dir}/kvmm-agent.js`;
  await Deno.writeTextFile(self, OLD);
  try {
    await fn(self, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const files = async (dir: string) => {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
};

const allowed = testConfig({ allow_self_update: true });

Deno.test("update_agent - a checked bundle replaces the running one, which stays as .previous", async () => {
  await withInstall(async (self, dir) => {
    const code = bundle("9.9.9");
    let restarted = 0;
    const result = await updateAgent(
      { version: "9.9.9", sha256: await sha256(code), code },
      allowed,
      { selfPath: self, restart: () => restarted++ },
    );
    assertEquals(result, { from: AGENT_VERSION, to: "9.9.9", restarting: true });
    assertEquals(await Deno.readTextFile(self), code);
    assertEquals(await Deno.readTextFile(`${self}.previous`), OLD);
    assertEquals(await files(dir), ["kvmm-agent.js", "kvmm-agent.js.previous"]);
    assertEquals((await Deno.stat(self)).mode! & 0o777, 0o644);
    // The restart comes after the reply.
    assertEquals(restarted, 0);
    await new Promise((r) => setTimeout(r, 700));
    assertEquals(restarted, 1);
  });
});

Deno.test("update_agent - refused unless the guest's config allows it, before anything is written", async () => {
  await withInstall(async (self, dir) => {
    const code = bundle("9.9.9");
    const res = await callWith(testConfig(), "update_agent", {
      version: "9.9.9",
      sha256: await sha256(code),
      code,
    });
    assertMatch(errorOf(res, "SELF_UPDATE_NOT_ALLOWED").message, /allow_self_update/);
    assertEquals(await files(dir), ["kvmm-agent.js"]);
    assertEquals(await Deno.readTextFile(self), OLD);
  });
});

Deno.test("update_agent - a wrong checksum, a bundle that does not start or names another version replace nothing", async () => {
  await withInstall(async (self, dir) => {
    const code = bundle("9.9.9");
    const cases: [Record<string, string>, RegExp][] = [
      [{ version: "9.9.9", sha256: "0".repeat(64), code }, /SHA-256 is [0-9a-f]{64}, not 0{64}/],
      [
        { version: "9.9.9", sha256: await sha256("syntax error ("), code: "syntax error (" },
        /did not start as version 9\.9\.9/,
      ],
      [{ version: "9.9.8", sha256: await sha256(code), code }, /did not start as version 9\.9\.8/],
    ];
    for (const [params, words] of cases) {
      const err = await assertRejects(
        () => updateAgent(params, allowed, { selfPath: self, restart: () => assert(false) }),
        AgentError,
      );
      assertEquals((err as AgentError).rpcName, "UPDATE_FAILED", params.version);
      assertMatch((err as AgentError).message, words);
      assertEquals(await files(dir), ["kvmm-agent.js"], "no .new or .previous left");
      assertEquals(await Deno.readTextFile(self), OLD);
    }
  });
});

Deno.test("update_agent - bad parameters are INVALID_PARAMS", async () => {
  const cases: [unknown, RegExp][] = [
    [{ version: "latest", sha256: "a".repeat(64), code: "x" }, /version must look like/],
    [{ version: "1.0.0", sha256: "xyz", code: "x" }, /sha256 must be 64 hex digits/],
    [{ version: "1.0.0", sha256: "a".repeat(64) }, /params\.code must be a string/],
    [
      { version: "1.0.0", sha256: "a".repeat(64), code: "x", path: "/" },
      /unknown parameter "path"/,
    ],
  ];
  for (const [params, words] of cases) {
    assertMatch(
      errorOf(await callWith(allowed, "update_agent", params), "INVALID_PARAMS").message,
      words,
    );
  }
});
