// The harness rule "tests get Chromium, the server and the program from tests/harness/": outside
// it, no test launches Chromium, and no test starts KVM Manager's program (main.ts, or its bundle
// dist/server.js) as a process by itself — except the files named below, each with the reason a
// harness process would not test what the file tests. A new launch fails here until it goes
// through the harness (browser.ts, server_process.ts, program.ts) or is named with its reason; an
// exception that no longer launches fails too, so the list stays true.
//
// Read from the text: a file launches the program when it starts a process (`new Deno.Command(`,
// `PtyClient(`) and names the program outside an import, a comment and a harness call — a path
// that resolves to main.ts or dist/server.js, or the harness's `MAIN`. Benchmarks (bench/) are no
// tests: they launch what they measure.

import { dirname, join, normalize, resolve } from "node:path";
import { assertEquals } from "../support/assert.ts";
import { gitFiles, isTestSide } from "./git_files.ts";

const ROOT = resolve(import.meta.dirname!, "../..");

/** Files outside the harness that start the program themselves, and why. */
export const PROGRAM_LAUNCH_EXCEPTIONS: Record<string, string> = {
  "tests/cli_console_test.ts": "a terminal: `console` runs on a pseudo-terminal (PtyClient) and " +
    "its raw mode, resize and escape key are what is tested",
  "tests/cli_top_test.ts": "a terminal: `top` draws a full-screen UI on a pseudo-terminal, from " +
    "main.ts and from the bundle users run",
  "tests/cli_test.ts": "a terminal: `vm delete` asks for confirmation only when stdin is a " +
    "terminal, which script(1) gives it",
  "tests/offline_test.ts": "no network: the program starts in a network namespace with no route " +
    "(unshare), to prove it needs none",
  "tests/ocf_agent_test.ts": "Pacemaker's view: the OCF resource agent (the shell script " +
    "Pacemaker runs) starts and stops the kvm-manager command it is given by path, here one that " +
    "runs main.ts with a child of its own that stop must end too",
  "tests/ha_setup_test.ts": "another node: `install-cluster` runs inside HA bed node kvmm-ha1's " +
    "namespaces (ha-bed.sh exec), as root there would run it",
  "tests/support/ha_manager.ts": "another node: `install-cluster-resource` runs inside an HA bed " +
    "node's namespaces (onNode), as root there would run it",
  "tests/support/ha_server.ts": "another node: a server inside an HA bed node's network and " +
    "mount namespaces",
};

/** A process start in a test's text. */
const STARTS_PROCESS = /new Deno\.Command\(|PtyClient\(/;
/** A Chromium launch of its own (the harness's browser server is the one launch). */
const LAUNCHES_CHROMIUM =
  /chromium\.launch(Server|PersistentContext)?\(|\.launch\(\{[^}]*executablePath/;

/** The lines of `text` that are code: no import, no comment, no call of the harness's. */
function codeLines(text: string): string[] {
  const lines: string[] = [];
  let inImport = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (/^import\b/.test(line)) inImport = !/from\s+["'][^"']+["'];?$|^import\s+["']/.test(line);
    else if (inImport) {
      if (/from\s+["'][^"']+["'];?$/.test(line)) inImport = false;
    } else if (!/^(\/\/|\*|\/\*)/.test(line) && !/^export\s*\{[^}]*\}( from .*)?;?$/.test(line)) {
      lines.push(line.replace(/\s\/\/\s.*$/, ""));
    }
  }
  return lines;
}

/** Whether `path` (a string in `file`'s text) resolves to the program. */
function namesProgram(file: string, path: string): boolean {
  if (path.startsWith("/")) return false; // a URL path, or an absolute one made elsewhere
  const rel = path.replace(/^\$\{ROOT\}\/?/, "");
  const to = rel.startsWith(".") ? normalize(join(dirname(file), rel)) : rel;
  return to === "main.ts" || to === "dist/server.js";
}

/** What `file` (relative to the root) launches by itself: "Chromium", "the program", or none. */
export function launchesIn(file: string, text: string): string[] {
  const found: string[] = [];
  if (LAUNCHES_CHROMIUM.test(text)) found.push("Chromium");
  if (STARTS_PROCESS.test(text)) {
    // The harness's MAIN counts where the file imports it; a MAIN of its own is judged by its path.
    const importsMain = /import\s*\{[^}]*\bMAIN\b[^}]*\}\s*from/.test(text);
    const named = codeLines(text).some((line) =>
      (importsMain && /\bMAIN\b/.test(line)) ||
      [...line.matchAll(/(?<=^|[\s"'`])([^\s"'`]*(?:main\.ts|dist\/server\.js))(?=[\s"'`]|$)/g)]
        .some(([, path]) => namesProgram(file, path))
    );
    if (named) found.push("the program");
  }
  return found;
}

/** Every launch outside the harness, as "file: what". */
async function launchesOutsideHarness(): Promise<string[]> {
  const found: string[] = [];
  for (const file of (await gitFiles(ROOT)).sort()) {
    if (!/\.tsx?$/.test(file) || file.startsWith("tests/harness/") || file.startsWith("bench/")) {
      continue;
    }
    if (!isTestSide(file)) continue;
    let text: string;
    try {
      text = await Deno.readTextFile(join(ROOT, file));
    } catch {
      continue; // deleted, not yet staged
    }
    for (const what of launchesIn(file, text)) found.push(`${file}: ${what}`);
  }
  return found;
}

Deno.test("launches - outside tests/harness/ no test launches Chromium, and only the named exceptions start the program", async () => {
  const found = await launchesOutsideHarness();
  assertEquals(
    found.filter((f) => f.endsWith(": Chromium")),
    [],
    "a test gets Chromium from tests/harness/browser.ts (openBrowser, withDemoServer)",
  );
  assertEquals(
    found.filter((f) => f.endsWith(": the program")).map((f) => f.split(":")[0]),
    Object.keys(PROGRAM_LAUNCH_EXCEPTIONS).sort(),
    "a test starts the program through tests/harness/ (runProgram, startServeProcess), or is " +
      "named in PROGRAM_LAUNCH_EXCEPTIONS with its reason",
  );
});

Deno.test("launches - the check tells a launch from an import, a comment, a URL path and the harness", () => {
  const launches = (file: string, text: string) => launchesIn(file, text).join(", ");
  // Launches.
  assertEquals(
    launches(
      "tests/a_test.ts",
      'new Deno.Command(Deno.execPath(), { args: ["run", "-A", "main.ts"] });',
    ),
    "the program",
  );
  assertEquals(
    launches(
      "tests/a_test.ts",
      'const M = new URL("../main.ts", import.meta.url).pathname;\nnew Deno.Command(x);',
    ),
    "the program",
  );
  assertEquals(
    launches("lib/x/a_test.ts", 'new PtyClient(dir, [deno, "run", "../../main.ts"]);'),
    "the program",
  );
  assertEquals(
    launches(
      "tests/a_test.ts",
      'import { MAIN } from "./harness/program.ts";\nnew Deno.Command(d, { args: ["run", MAIN] });',
    ),
    "the program",
  );
  assertEquals(
    launches(
      "tests/a_test.ts",
      "const s = `cd ${ROOT} && exec deno run -A main.ts`;\nnew Deno.Command(s);",
    ),
    "the program",
  );
  assertEquals(
    launches("tests/a_test.ts", 'new Deno.Command(d, { args: ["run", "dist/server.js"] });'),
    "the program",
  );
  assertEquals(
    launches("tests/a_test.ts", "const b = await chromium.launch({ headless: true });"),
    "Chromium",
  );
  // No launch.
  assertEquals(
    launches(
      "tests/a_test.ts",
      'import { startServer } from "../main.ts";\nnew Deno.Command("ls");',
    ),
    "",
  );
  assertEquals(
    launches(
      "tests/a_test.ts",
      'import {\n  MAIN,\n  x,\n} from "./support/cli.ts";\nnew Deno.Command("ls");',
    ),
    "",
  );
  assertEquals(
    launches("tests/a_test.ts", '// runs main.ts as a process\nnew Deno.Command("ls");'),
    "",
  );
  assertEquals(
    launches("routes/a_test.ts", 'await app.request("/x/../../main.ts");\nnew Deno.Command("ls");'),
    "",
  );
  assertEquals(
    launches(
      "agent/a_test.ts",
      'const MAIN = new URL("./main.ts", import.meta.url);\nnew Deno.Command(MAIN);',
    ),
    "",
  );
  assertEquals(
    launches("tests/a_test.ts", 'await runProgram(["--help"]); // main.ts, through the harness'),
    "",
  );
  assertEquals(
    launches("tests/a_test.ts", 'const m = "main.ts"; // named, but no process starts'),
    "",
  );
  assertEquals(launches("tests/a_test.ts", "const b = await chromium.connect(endpoint);"), "");
});
