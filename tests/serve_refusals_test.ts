// What `kvm-manager serve` says on a host that cannot run it: a missing libvirt0 or libpam0g, or
// a URI libvirt cannot take, is one line on stderr naming the fix, with exit status 1, never a
// stack trace; `--version` and `--help` need no libvirt. The libraries are "missing" through
// KVMM_LIBVIRT_PATH and KVMM_LIBPAM_PATH, pointed at files that do not exist.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { type ProgramRun, runProgram } from "./harness/program.ts";

const NO_LIBVIRT = { KVMM_LIBVIRT_PATH: "/nonexistent/libvirt.so.0" };
const NO_PAM = { KVMM_LIBPAM_PATH: "/nonexistent/libpam.so.0" };

/** Asserts one line on stderr matching `line`, nothing on stdout, and exit status 1. */
function assertOneLine(run: ProgramRun, line: RegExp) {
  const lines = run.stderr.trimEnd().split("\n");
  assertEquals(lines.length, 1, `one line on stderr:\n${run.stderr}`);
  assertMatch(lines[0], line);
  assertEquals([run.code, run.stdout], [1, ""], run.stderr);
}

async function serve(env: Record<string, string>, ...flags: string[]): Promise<ProgramRun> {
  const data = await Deno.makeTempDir({ prefix: "kvmm-test-refusal-" });
  try {
    return await runProgram(
      ["serve", "--no-tls", "--listen", "127.0.0.1:0", "--data-dir", data, ...flags],
      { env },
    );
  } finally {
    await Deno.remove(data, { recursive: true });
  }
}

Deno.test("serve refusals - without libvirt0 or libpam0g: the package to install, in one line", async () => {
  assertOneLine(
    await serve(NO_LIBVIRT, "--connect", "test:///default"),
    /^kvm-manager: Cannot load \/nonexistent\/libvirt\.so\.0: install Debian's libvirt0 package \(apt-get install libvirt0\)$/,
  );
  assertOneLine(
    await serve(NO_PAM, "--connect", "test:///default"),
    /^kvm-manager: Cannot load \/nonexistent\/libpam\.so\.0: install Debian's libpam0g package/,
  );
  // The demo, chosen when no libvirtd runs, needs libvirt0 too.
  assertOneLine(
    await serve({ ...NO_LIBVIRT, LIBVIRT_DEFAULT_URI: "test:///default" }),
    /libvirt0/,
  );
});

Deno.test("serve refusals - a URI libvirt cannot take: one line naming it, where it came from and libvirt's words", async () => {
  assertOneLine(
    await serve({}, "--connect", "foo:///bar"),
    /^kvm-manager: libvirt has no driver for foo:\/\/\/bar \(--connect\): no connection driver available/,
  );
  assertOneLine(
    await serve({ LIBVIRT_DEFAULT_URI: "qemu:///sytem" }),
    /^kvm-manager: libvirt cannot take the URI qemu:\/\/\/sytem \(LIBVIRT_DEFAULT_URI\): .*'\/sytem'/,
  );
});

Deno.test("serve refusals - --version and --help need no libvirt", async () => {
  for (const args of [["--version"], ["--help"], ["serve", "--help"]]) {
    const run = await runProgram(args, { env: { ...NO_LIBVIRT, ...NO_PAM } });
    assertEquals([run.code, run.stderr], [0, ""], args.join(" "));
    assert(
      run.stdout.startsWith(args[0] === "--version" ? "kvm-manager " : "KVM Manager") ||
        run.stdout.startsWith("Usage"),
      run.stdout,
    );
  }
});
