// The commands the docs show work as shown: each line of a ```sh run block in README.md or docs/
// runs in bash through the `kvm-manager` command that command 1 installs (scripts/install-cli.sh,
// here into a folder of its own) against a real server on a private test-driver node; every
// `kvm-manager WORD …` the docs name is a command the program has; and the installer never
// replaces or hides a kvm-manager that is not a checkout's.

import { join } from "node:path";
import { assert, assertEquals } from "./support/assert.ts";
import { DENO_DIR, withCli } from "./support/cli.ts";
import {
  commandMentions,
  type DocCommand,
  docFiles,
  type Mention,
  ROOT,
  runnableCommands,
} from "../scripts/docs.ts";

const INSTALL_CLI = join(ROOT, "scripts", "install-cli.sh");
const CHECKOUT_COMMAND = join(ROOT, "scripts", "kvm-manager");
/** A port fetch refuses to use (1): a client command that gets as far as connecting fails at once. */
const NOWHERE = "http://127.0.0.1:1";

const docs = () =>
  docFiles().map((file) => ({ file, text: Deno.readTextFileSync(join(ROOT, file)) }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(script: string, env: Record<string, string>): Promise<Run> {
  const out = await new Deno.Command("bash", {
    args: ["-c", script],
    env: { ...env, DENO_DIR, NO_COLOR: "1", LANG: "C.UTF-8" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** The server bundle scripts/kvm-manager runs, built as command 1 builds it (only when stale). */
async function buildBundle() {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts", "bundle_server.ts")],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert(out.success, `bundle_server.ts failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** A folder with `kvm-manager` installed by scripts/install-cli.sh, and a home. */
async function withInstalledCommand(fn: (env: Record<string, string>) => Promise<void>) {
  const bin = await Deno.makeTempDir({ prefix: "kvmm-test-docs-bin-" });
  const home = await Deno.makeTempDir({ prefix: "kvmm-test-docs-home-" });
  const env = { PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin`, HOME: home };
  try {
    const install = await sh(`bash ${INSTALL_CLI}`, { ...env, KVMM_CLI_DIR: bin });
    assertEquals(install.code, 0, install.stderr);
    assert(
      install.stdout.includes(`${bin}/kvm-manager runs this checkout`),
      `install-cli.sh: ${install.stdout}`,
    );
    const which = await sh("command -v kvm-manager", env);
    assertEquals(which.stdout.trim(), `${bin}/kvm-manager`);
    await fn(env);
  } finally {
    await Deno.remove(bin, { recursive: true });
    await Deno.remove(home, { recursive: true });
  }
}

/** The words in this order, whatever the spacing between them. */
function showsInOrder(text: string, words: string[]): boolean {
  let at = 0;
  for (const word of words) {
    const i = text.indexOf(word, at);
    if (i < 0) return false;
    at = i + word.length;
  }
  return true;
}

const where = (c: DocCommand | Mention) => `${c.file}:${c.line}`;

Deno.test("docs - every ```sh run command of README.md and docs/ works as shown", async () => {
  const commands = docs().flatMap(({ file, text }) => runnableCommands(file, text));
  // The marked blocks exist (a renamed marker would silently check nothing).
  assert(commands.length >= 8, `only ${commands.length} runnable commands in the docs`);
  for (const c of commands) {
    assert(
      /^kvm-manager(\s|$)/.test(c.command),
      `${where(c)}: a \`\`\`sh run block holds only kvm-manager commands: ${c.command}`,
    );
  }
  await buildBundle();
  await withCli(async ({ server, admin }) => {
    await withInstalledCommand(async (env) => {
      for (const c of commands) {
        const r = await sh(c.command, { ...env, KVMM_URL: server.url, KVMM_TOKEN: admin });
        const said = `${where(c)} \`${c.command}\`: exit ${r.code}, stdout ${
          JSON.stringify(r.stdout)
        }, stderr ${JSON.stringify(r.stderr)}`;
        assertEquals(r.code, 0, said);
        assert(r.stdout.trim() !== "", `${said}: printed nothing`);
        assert(showsInOrder(r.stdout, c.prints), `${said}: does not print ${c.prints.join(" ")}`);
      }
    });
  });
});

Deno.test("docs - every kvm-manager command and subcommand the docs name exists", async () => {
  const mentions = docs().flatMap(({ file, text }) => commandMentions(file, text));
  assert(mentions.length >= 30, `only ${mentions.length} kvm-manager commands found in the docs`);
  await buildBundle();
  await withInstalledCommand(async (env) => {
    // The commands, from the program's own usage: "  kvm-manager WORD …" lines.
    const help = await sh("kvm-manager --help", env);
    assertEquals(help.code, 0, help.stderr);
    const commands = new Set(["--help"]);
    for (const m of help.stdout.matchAll(/^\s+kvm-manager (\S+)/gm)) {
      if (!/[A-Z]/.test(m[1])) commands.add(m[1]);
    }
    for (const expected of ["serve", "install-service", "--version", "vm", "host", "top"]) {
      assert(commands.has(expected), `kvm-manager --help lists no ${expected}: ${help.stdout}`);
    }
    const unknown = mentions.flatMap((m) =>
      m.command.filter((w) => !commands.has(w)).map((w) => `${where(m)}: kvm-manager ${w}`)
    );
    assertEquals(unknown, [], "the docs name commands kvm-manager does not have");

    // A client command's subcommands, from its own dispatcher: one it lacks is "unknown command".
    // The server never runs here: every probe is a client command aimed at port 1, which fetch
    // refuses, so none reaches anything.
    const probe = (command: string, sub: string) =>
      sh(`kvm-manager ${command} ${sub} --url ${NOWHERE} --token kvmm_docs_probe`, env);
    const isUnknown = (r: Run, command: string, sub: string) =>
      r.stderr.includes(`unknown command "${command} ${sub}"`);
    const clientCommands = [...commands].filter((c) =>
      !c.startsWith("-") && c !== "serve" && c !== "install-service"
    );
    const withSubs = new Set<string>();
    for (const command of clientCommands) {
      const r = await probe(command, "no-such-subcommand");
      if (isUnknown(r, command, "no-such-subcommand")) withSubs.add(command);
    }
    // The probe tells a missing subcommand apart (vm has some), else it proves nothing.
    for (const c of ["vm", "host", "network", "image", "profile"]) {
      assert(withSubs.has(c), `kvm-manager ${c} no-such-subcommand is not refused as unknown`);
    }
    const pairs = new Map<string, Mention>();
    for (const m of mentions) {
      for (const command of m.command.filter((c) => withSubs.has(c))) {
        for (const sub of m.sub.filter((s) => !s.startsWith("-"))) {
          pairs.set(`${command} ${sub}`, m);
        }
      }
    }
    assert(pairs.size >= 20, `only ${pairs.size} subcommands named in the docs`);
    const missing: string[] = [];
    const entries = [...pairs];
    for (let i = 0; i < entries.length; i += 4) {
      await Promise.all(
        entries.slice(i, i + 4).map(async ([pair, m]) => {
          const [command, sub] = pair.split(" ");
          const r = await probe(command, sub);
          if (isUnknown(r, command, sub)) missing.push(`${where(m)}: kvm-manager ${pair}`);
        }),
      );
    }
    assertEquals(missing.sort(), [], "the docs name subcommands kvm-manager does not have");
  });
});

/** What scripts/install-cli.sh runs besides bash's builtins. */
const INSTALL_CLI_TOOLS = [
  "bash",
  "dirname",
  "id",
  "head",
  "tr",
  "rm",
  "mkdir",
  "mktemp",
  "chmod",
  "mv",
];

Deno.test("docs - install-cli.sh never replaces or hides a kvm-manager that is not a checkout's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-docs-cli-" });
  const [bin, other, home, tools] = ["bin", "other", "home", "tools"].map((d) => join(dir, d));
  for (const d of [bin, other, home, tools]) await Deno.mkdir(d);
  // Not /usr/bin on the PATH: the release test may have put the package's kvm-manager there (it
  // runs beside this one, ci40 saw it), and install-cli.sh would rightly defer to it. These are
  // the tools the script uses.
  for (const tool of INSTALL_CLI_TOOLS) {
    await Deno.symlink(await Deno.realPath(`/usr/bin/${tool}`), join(tools, tool));
  }
  const foreign = "#!/bin/sh\necho another kvm-manager\n";
  const env = (path: string) => ({ PATH: `${path}:${tools}`, HOME: home, KVMM_CLI_DIR: bin });
  const install = (path: string) => sh(`bash ${INSTALL_CLI}`, env(path));
  const target = join(bin, "kvm-manager");
  try {
    // Nothing there: ours is written, and runs this checkout's command.
    let r = await install(bin);
    assertEquals(r.code, 0, r.stderr);
    const ours = await Deno.readTextFile(target);
    assert(ours.includes("kvm-manager-checkout-command"), ours);
    assert(ours.includes(CHECKOUT_COMMAND), ours);

    // Another kvm-manager later on the PATH (the package's /usr/bin one): ours, which would hide
    // it, is taken away, and is not written again.
    await Deno.writeTextFile(join(other, "kvm-manager"), foreign, { mode: 0o755 });
    r = await install(`${bin}:${other}`);
    assertEquals(r.code, 0, r.stderr);
    assert(r.stdout.includes(`${other}/kvm-manager is the kvm-manager on the PATH`), r.stdout);
    await Deno.stat(target).then(
      () => assert(false, "install-cli.sh left its kvm-manager hiding another"),
      (err) => assert(err instanceof Deno.errors.NotFound),
    );
    const runs = await sh("kvm-manager", env(`${bin}:${other}`));
    assertEquals(runs.stdout, "another kvm-manager\n");

    // A foreign file at the very place: left byte for byte.
    await Deno.remove(join(other, "kvm-manager"));
    await Deno.writeTextFile(target, foreign, { mode: 0o755 });
    r = await install(bin);
    assertEquals(r.code, 0, r.stderr);
    assert(r.stdout.includes(`left ${target} as it is`), r.stdout);
    assertEquals(await Deno.readTextFile(target), foreign);

    // Ours from another checkout at that place: rewritten for this one.
    await Deno.writeTextFile(
      target,
      "#!/bin/sh\n# kvm-manager-checkout-command: written by /elsewhere/scripts/install-cli.sh\n",
    );
    r = await install(bin);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(await Deno.readTextFile(target), ours);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
