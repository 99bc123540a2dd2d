// Bundles the guest agent into one JavaScript file with no imports left, the one file a guest
// installs (default static/build/agent/kvmm-agent.js, which the server hands out at /agent/).
//   deno run -A agent/build.ts [OUT]

import { AGENT_VERSION } from "./version.ts";

const ENTRY = new URL("./main.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
export const DEFAULT_OUT = `${ROOT}static/build/agent/kvmm-agent.js`;
export const RUN_PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-run",
  "--allow-sys",
  "--allow-env",
  "--no-prompt",
];

/** An import or export-from left in the bundle would need the network or files at run time. */
export function leftoverImports(code: string): string[] {
  const found = code.match(/^\s*(?:import\b(?!\.meta)|export\s[^;]*\bfrom\s)[^\n]*/gm) ?? [];
  const dynamic = code.match(/\bimport\s*\(/g) ?? [];
  return [...found, ...dynamic].map((s) => s.trim());
}

/**
 * The agent's version comes from deno.json (agent/version.ts), which the bundler inlines whole,
 * import map and tasks too: the bundle gets the version alone, as `var AGENT_VERSION = "X";`.
 */
export function versionInlined(code: string): string {
  const inlined = code.replace(
    /\/\/ deno\.json\nvar (\w+) = \{[\s\S]*?\n\};\n\n(\/\/ agent\/version\.ts\n)var AGENT_VERSION = \1\.version;/,
    `$2var AGENT_VERSION = ${JSON.stringify(AGENT_VERSION)};`,
  );
  if (inlined === code || inlined.includes("// deno.json")) {
    throw new Error("agent/build.ts: the bundle's version is not where the build expects it");
  }
  return inlined;
}

export async function buildAgent(out = DEFAULT_OUT): Promise<{ path: string; bytes: number }> {
  const dir = out.slice(0, out.lastIndexOf("/"));
  if (dir) await Deno.mkdir(dir, { recursive: true });
  // --no-config: the app's import map and compiler options are not the agent's business.
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--no-config", "--no-lock", "--platform=deno", "-o", out, ENTRY],
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);

  const bundled = versionInlined(await Deno.readTextFile(out));
  const left = leftoverImports(bundled);
  if (left.length) throw new Error(`the bundle still imports:\n${left.join("\n")}`);
  const header =
    `// kvmm-agent ${AGENT_VERSION}: KVM Manager's guest agent, bundled from agent/main.ts.\n` +
    // --allow-all: Deno opens the virtio port (/dev) and reads /proc only with it.
    `// Run: deno run --allow-all --no-prompt kvmm-agent.js [--config PATH]\n`;
  await Deno.writeTextFile(out, header + bundled);
  return { path: out, bytes: (await Deno.stat(out)).size };
}

if (import.meta.main) {
  const { path, bytes } = await buildAgent(Deno.args[0]);
  console.log(`built ${path} ${(bytes / 1024).toFixed(1)} KiB`);
}
