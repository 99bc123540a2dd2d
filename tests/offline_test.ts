// Offline proof: the server starts and serves its pages and assets (island bundles, noVNC) in a
// network namespace with nothing but loopback: no CDN, no registry, no download at start.
// `unshare -n` makes the namespace; requests are made from inside it with `nsenter -n curl`.
// The compiled binary is checked the same way where a denort runtime is at hand (DENORT_BIN).

import { untilListening } from "./harness/server_process.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const DENORT = Deno.env.get("DENORT_BIN");

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")}: ${text.decode(out.stderr)}`);
  return text.decode(out.stdout);
}

/** unshare, nsenter, ip and curl must exist: a missing tool fails the test, never skips it. */
async function requireTools() {
  for (const tool of ["unshare", "nsenter", "ip", "curl"]) {
    const found = await new Deno.Command("sh", { args: ["-c", `command -v ${tool}`] }).output();
    assert(found.success, `the offline test needs \`${tool}\` (util-linux, iproute2, curl)`);
  }
  try {
    Deno.statSync(`${ROOT}static/build/vm_console.js`);
  } catch {
    throw new Error("static/build/ is missing: run `deno task build` first");
  }
}

/**
 * Runs `command` (the server) in a new network namespace with only loopback up and returns the
 * process once it says it listens; its pid names the namespace for nsenter.
 */
async function startOffline(command: string[]) {
  const script = 'ip link set lo up && exec "$@"';
  const child = new Deno.Command("unshare", {
    args: ["-n", "sh", "-c", script, "sh", ...command],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  await untilListening(child, stderr, 60_000);
  return child;
}

/** `curl` from inside the server's namespace: status and body. */
async function curlInside(pid: number, url: string): Promise<{ status: number; body: string }> {
  const out = await run("nsenter", [
    "-t",
    String(pid),
    "-n",
    "curl",
    "-s",
    "--max-time",
    "10",
    "-w",
    "\n%{http_code}",
    url,
  ]);
  const cut = out.lastIndexOf("\n");
  return { status: Number(out.slice(cut + 1)), body: out.slice(0, cut) };
}

async function checkOffline(command: string[]) {
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-offline-" });
  // The namespace has a loopback of its own: any port is free there.
  const port = 8420;
  const child = await startOffline([
    ...command,
    "serve",
    "--connect",
    "test:///default",
    "--no-tls",
    "--listen",
    `127.0.0.1:${port}`,
    "--data-dir",
    dataDir,
  ]);
  try {
    // The namespace really has no network: loopback only, no route anywhere else.
    const links = await run("nsenter", ["-t", String(child.pid), "-n", "ip", "-o", "link"]);
    assertEquals(links.trim().split("\n").map((l) => l.split(":")[1].trim()), ["lo"]);
    assertEquals(
      (await run("nsenter", ["-t", String(child.pid), "-n", "ip", "route"])).trim(),
      "",
    );

    const base = `http://127.0.0.1:${port}`;
    const page = await curlInside(child.pid, `${base}/`);
    // Signed out, "/" is the sign-in page (401); signed in it would be the VM list.
    assert([200, 401].includes(page.status), `GET / answered ${page.status}`);
    assertMatch(page.body, /<title>[^<]*KVM Manager<\/title>/);
    assert(!/(src|href)="(https?:)?\/\//.test(page.body), "the page loads nothing from elsewhere");
    const login = await curlInside(child.pid, `${base}/static/build/login.js`);
    assertEquals(login.status, 200);
    const novnc = await curlInside(child.pid, `${base}/static/build/vm_console.js`);
    assertEquals(novnc.status, 200);
    assertMatch(novnc.body, /_rfbInitState/); // noVNC's RFB client is in the bundle
    const css = await curlInside(child.pid, `${base}/static/app.css`);
    assertEquals(css.status, 200);
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(dataDir, { recursive: true });
  }
}

Deno.test("offline - `deno run --cached-only` serves pages, island bundles and noVNC with no network", async () => {
  await requireTools();
  await checkOffline([Deno.execPath(), "run", "--cached-only", "-A", `${ROOT}main.ts`]);
});

// Where no denort runtime is at hand (this build machine), `deno task compile` must say so and
// build nothing rather than try the network; where one is (DENORT_BIN), the binary must serve
// with no network.
Deno.test("offline - the compiled dist/kvm-manager serves with no network, or compile says why not", async () => {
  await requireTools();
  const built = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}scripts/compile.ts`],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  if (!DENORT) {
    assert(built.success, "without denort, compile explains and exits 0");
    assertMatch(text.decode(built.stderr), /Set DENORT_BIN=\/path\/to\/denort/);
    return;
  }
  assert(built.success, `deno task compile failed: ${text.decode(built.stderr)}`);
  await checkOffline([`${ROOT}dist/kvm-manager`]);
});
