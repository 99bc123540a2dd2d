// Builds the single kvm-manager binary with `deno compile`. deno compile needs the `denort`
// runtime, which it downloads; set DENORT_BIN to a local denort to build offline.

import { SERVER_DENO_FLAGS } from "../lib/this_host/service_unit.ts";
import { WORKER_BUNDLES } from "../ffi/worker_url.ts";
import { TOP_SCREEN_BUNDLE } from "../cli/top/screen_url.ts";

const denort = Deno.env.get("DENORT_BIN");
if (!denort) {
  console.error(
    "deno compile needs the denort runtime, normally downloaded from the internet, which this " +
      "machine cannot reach. Set DENORT_BIN=/path/to/denort (the same Deno version) and run " +
      "`deno task compile` again. Skipping.",
  );
  Deno.exit(0);
}

const root = new URL("..", import.meta.url).pathname;
const build = await new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", `${root}scripts/build.ts`],
  stdout: "inherit",
  stderr: "inherit",
}).output();
if (!build.success) Deno.exit(1);

// Workers are started by URL (`new Worker(new URL("./x_worker.ts", import.meta.url))`), which
// deno compile cannot follow: each is included by name, and so is top's screen (imported by URL). static/ holds the pages' CSS and the
// island bundles (noVNC inside console.js), served from the binary with no network, and
// static/build/agent/, the guest agent's files, which only /agent/ serves (to admins).
const workers = [...Object.keys(WORKER_BUNDLES).sort(), TOP_SCREEN_BUNDLE.source];
const { success } = await new Deno.Command(Deno.execPath(), {
  args: [
    "compile",
    "-A",
    ...SERVER_DENO_FLAGS,
    "--include",
    `${root}static`,
    ...workers.flatMap((path) => ["--include", `${root}${path}`]),
    "--output",
    `${root}dist/kvm-manager`,
    `${root}main.ts`,
  ],
  env: { DENORT_BIN: denort },
  stdout: "inherit",
  stderr: "inherit",
}).output();
if (!success) Deno.exit(1);
console.log(`Built ${root}dist/kvm-manager`);
