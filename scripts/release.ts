// `deno task release`: builds, with no network, the one file to drop on a host
// (dist/release/kvm-manager-VERSION-linux-x86_64), the Debian package (kvm-manager_VERSION_amd64.deb,
// scripts/release/deb.ts) and SHA256SUMS over the artifacts.
//
// The file is scripts/release/launcher.sh with its placeholders filled, followed by a gzip'd tar
// of what the server needs to run: the Deno runtime from the pinned npm package (package.json),
// the server's and its workers' bundles (dist/), and static/ (pages' CSS, island bundles, the
// guest agent's files). The launcher carries the SHA-256 of every file in the tar and checks the
// unpacked folder against them on every start. Why not `deno compile`: it needs the `denort`
// runtime, which no registry we reach carries (docs/limits.md).

import { join, relative } from "node:path";
import { createHash } from "node:crypto";
import { bundleServer } from "./bundle_server.ts";
import { SERVER_DENO_FLAGS } from "../lib/this_host/service_unit.ts";
import { buildInfo, VERSION } from "../lib/version.ts";
import { buildDeb, debFileName } from "./release/deb.ts";
import { agentDebFileName, buildAgentDeb } from "./release/agent_deb.ts";

const ROOT = join(import.meta.dirname!, "..");
export const RELEASE_DIR = join(ROOT, "dist", "release");
/** ocf:kvm-manager:server, KVM Manager's server as a Pacemaker resource. */
export const OCF_AGENT = join(ROOT, "scripts", "release", "ocf", "server");
/** The Deno binary the npm package `deno` installs for this platform. */
const DENO_BINARY = join(ROOT, "node_modules", "@deno", "linux-x64-glibc", "deno");

/** The one file's name for this version. */
export const releaseFileName = (version = VERSION) => `kvm-manager-${version}-linux-x86_64`;
/** The guest agent's one file's name for this version. */
export const agentFileName = (version = VERSION) => `kvmm-agent-${version}-linux-x86_64`;

async function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<void> {
  const out = await new Deno.Command(cmd, { args, ...opts, stdout: "inherit", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  using file = await Deno.open(path);
  for await (const piece of file.readable) hash.update(piece);
  return hash.digest("hex");
}

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...await filesUnder(dir, rel));
    else if (entry.isFile) out.push(rel);
    else throw new Error(`${rel}: only files and folders go into the release`);
  }
  return out.sort();
}

/** Copies the runtime, the bundles and static/ into `stage`. */
async function stageFiles(stage: string): Promise<void> {
  await Deno.mkdir(join(stage, "dist"), { recursive: true });
  await Deno.copyFile(DENO_BINARY, join(stage, "deno"));
  await Deno.chmod(join(stage, "deno"), 0o755);
  for (const name of await filesUnder(join(ROOT, "dist"))) {
    if (name.includes("/") || !/\.(js|json)$/.test(name) || name === "server-imports.json") {
      continue;
    }
    await Deno.copyFile(join(ROOT, "dist", name), join(stage, "dist", name));
  }
  await run("cp", ["-r", join(ROOT, "static"), join(stage, "static")]);
  // The Pacemaker resource agent (docs/guide/cluster.md): the package installs it where
  // Pacemaker looks; the one file carries it for `install -D` by hand.
  await Deno.mkdir(join(stage, "ocf"));
  await Deno.copyFile(OCF_AGENT, join(stage, "ocf", "server"));
  await Deno.chmod(join(stage, "ocf", "server"), 0o755);
}

/** The launcher with its placeholders filled; `offset` is where the payload starts (1-based). */
function launcher(template: string, fill: Record<string, string>): string {
  let text = template;
  for (const [key, value] of Object.entries(fill)) text = text.replaceAll(`@${key}@`, value);
  const left = /@[A-Z_0-9]+@/.exec(text);
  if (left) throw new Error(`launcher.sh: placeholder ${left[0]} not filled`);
  return text;
}

/** What a one-file program runs, and what it is called. */
interface OneFile {
  /** Shown in the launcher's header. */
  title: string;
  /** Its runtime folder's name (/var/lib/NAME/runtime) and its messages' prefix. */
  name: string;
  denoFlags: string;
  /** The script Deno runs, relative to the unpacked folder. */
  entry: string;
}

/**
 * Writes `out`: scripts/release/launcher.sh with its placeholders filled, then a gzip'd tar of
 * `stage`, whose every file's SHA-256 the launcher carries.
 */
async function writeOneFile(stage: string, out: string, what: OneFile): Promise<void> {
  const files = await filesUnder(stage);
  const sums = [];
  for (const file of files) sums.push(`${await sha256File(join(stage, file))}  ${file}`);
  const payload = `${stage}.tar.gz`;
  // Fixed owner, mode and time: the same sources give the same payload. gzip's default level:
  // -9 took twice the CPU (10.2 s against 5.2 for the Deno runtime) for 0.3 % less.
  await run("sh", [
    "-c",
    'tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$1" -cf - . | gzip -6n > "$2"',
    "sh",
    stage,
    payload,
  ]);
  try {
    const contents = createHash("sha256").update(sums.join("\n")).digest("hex").slice(0, 16);
    const template = await Deno.readTextFile(join(ROOT, "scripts", "release", "launcher.sh"));
    const fill = {
      TITLE: what.title,
      NAME: what.name,
      VERSION,
      COMMIT: buildInfo().commit,
      CONTENTS: contents,
      SUMS: sums.join("\n"),
      DENO_FLAGS: what.denoFlags,
      ENTRY: what.entry,
    };
    // The offset is written with a fixed width, so filling it in does not move the payload.
    const width = 12;
    const head = launcher(template, { ...fill, OFFSET: "0".repeat(width) });
    const bytes = new TextEncoder().encode(head).length;
    const offset = String(bytes + 1).padStart(width, "0");
    const final = new TextEncoder().encode(launcher(template, { ...fill, OFFSET: offset }));
    if (final.length !== bytes) throw new Error("launcher: the offset moved the payload");
    await Deno.writeFile(out, final, { mode: 0o755 });
    const file = await Deno.open(out, { append: true });
    await (await Deno.open(payload)).readable.pipeTo(file.writable);
    await Deno.chmod(out, 0o755);
  } finally {
    await Deno.remove(payload).catch(() => {});
  }
}

/** The guest agent's files for its one file and package: the runtime and the bundle. */
async function stageAgent(stage: string): Promise<void> {
  await Deno.mkdir(stage, { recursive: true });
  await Deno.copyFile(DENO_BINARY, join(stage, "deno"));
  await Deno.chmod(join(stage, "deno"), 0o755);
  await Deno.copyFile(
    join(ROOT, "static", "build", "agent", "kvmm-agent.js"),
    join(stage, "kvmm-agent.js"),
  );
}

/** Builds the release into `outDir`; returns the one file's path. */
export async function buildRelease({ outDir = RELEASE_DIR } = {}): Promise<string> {
  await run(Deno.execPath(), ["run", "-A", join(ROOT, "scripts", "build.ts")], { cwd: ROOT });
  await bundleServer({ force: true, quiet: true });
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  await Deno.mkdir(outDir, { recursive: true });
  const work = await Deno.makeTempDir({ prefix: "kvmm-release-" });
  try {
    const stage = join(work, "server");
    await Deno.mkdir(stage);
    await stageFiles(stage);
    const out = join(outDir, releaseFileName());
    await writeOneFile(stage, out, {
      title: "KVM Manager",
      name: "kvm-manager",
      denoFlags: `-A --no-config --no-lock ${SERVER_DENO_FLAGS.join(" ")}`,
      entry: "dist/server.js",
    });
    await buildDeb({ stage, outDir, version: VERSION });

    const agent = join(work, "agent");
    await stageAgent(agent);
    await writeOneFile(agent, join(outDir, agentFileName()), {
      title: "KVM Manager guest agent",
      name: "kvmm-agent",
      // As agent/kvmm-agent.service runs it (--allow-all: Deno opens the port under /dev only so).
      denoFlags: "--allow-all --no-prompt --no-config --no-lock",
      entry: "kvmm-agent.js",
    });
    await buildAgentDeb({ stage: agent, outDir, version: VERSION });

    const artifacts = [
      debFileName(VERSION),
      releaseFileName(),
      agentDebFileName(VERSION),
      agentFileName(),
    ].sort();
    const lines = [];
    for (const name of artifacts) lines.push(`${await sha256File(join(outDir, name))}  ${name}`);
    await Deno.writeTextFile(join(outDir, "SHA256SUMS"), lines.join("\n") + "\n");
    return out;
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) {
  const out = await buildRelease();
  const mib = ((await Deno.stat(out)).size / 1024 / 1024).toFixed(1);
  console.log(
    `built ${relative(ROOT, out)} (${mib} MiB), the .deb and SHA256SUMS in ${
      relative(ROOT, RELEASE_DIR)
    }/`,
  );
}
