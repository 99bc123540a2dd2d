// Issue 58: "a cloud-init password set in plain text signs in to the guest". The password goes the
// way the API takes it (withHashedPassword: the server keeps only its SHA-512 crypt hash) into the
// seed ISO the server writes (buildSeedIso: our own ISO 9660 writer, our JSON-as-YAML). Debian's
// real cloud-init, as a cloud image runs it at first boot (`init --local`, then `init`), reads the
// seed's files (taken out of the ISO by xorriso: this host's kernel may have no iso9660 driver) and
// makes the user; the password then signs in through PAM, the product's own path (lib/auth/pam.ts).
//
// What stands in for the guest: a mount, PID, network, UTS and IPC namespace of this host
// (tests/support/cloud_init_namespace.sh), whose /etc is an overlay and whose /run, /home,
// /var/log and /var/lib/cloud are tmpfs, so the account never exists on the host. No guest boots:
// the test guests run busybox, not cloud-init, and no cloud image is reachable offline
// (docs/limits.md). Needs root and Debian's cloud-init (scripts/install-test-deps.sh); fails,
// never skips, without them.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { withHashedPassword } from "../lib/cloud_init/password.ts";
import { buildSeedIso } from "../lib/cloud_init/seed.ts";
import type { CloudInitConfig } from "../shared/vms.ts";
import { withTempDir } from "./support/temp_dir.ts";

const SCRIPT = new URL("./support/cloud_init_namespace.sh", import.meta.url).pathname;

/**
 * Which of the host's account files name `user` (useradd writes all four). Other tests may add
 * and remove their own accounts meanwhile, so only lines of this user count.
 */
async function hostFilesNaming(user: string): Promise<string[]> {
  const files = ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow"];
  const texts = await Promise.all(files.map((f) => Deno.readTextFile(f)));
  return files.filter((_, i) => texts[i].split("\n").some((line) => line.startsWith(`${user}:`)));
}

Deno.test("cloud-init password - Debian's cloud-init reads the seed of a password given in clear, and the password signs in through PAM", async () => {
  if (Deno.uid() !== 0) {
    throw new Error("needs root: it mounts an overlay over /etc in a namespace");
  }
  const found = await new Deno.Command("sh", { args: ["-c", "command -v cloud-init"] }).output();
  assert(found.success, "cloud-init is not installed (scripts/install-test-deps.sh installs it)");

  const user = `kvmm-ci-${crypto.randomUUID().slice(0, 6)}`;
  // A space and non-ASCII letters: the password reaches the hash and PAM as the same UTF-8.
  const password = `Tëst pässwörd ${crypto.randomUUID()}`;
  const { cloudInit } = withHashedPassword<{ cloudInit: CloudInitConfig }>({
    cloudInit: { hostname: "kvmm-ci-guest", user, password },
  });
  assert(!("password" in cloudInit), "the clear password is not kept");
  assertMatch(cloudInit.passwordHash!, /^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
  const iso = buildSeedIso(cloudInit, { vmName: "kvmm-ci-guest", instanceId: crypto.randomUUID() });
  const bytes = new TextDecoder("latin1").decode(iso);
  assert(
    !bytes.includes("pässwörd") && !bytes.includes(password.slice(-36)),
    "no password in the seed",
  );
  assertEquals(await hostFilesNaming(user), [], `${user} already exists on the host`);

  await withTempDir("kvmm-ci-cloud-init-", async (dir) => {
    await Deno.writeFile(`${dir}/seed.iso`, iso);
    const child = new Deno.Command("unshare", {
      args: [
        "--mount",
        "--pid",
        "--fork",
        "--mount-proc",
        "--net",
        "--uts",
        "--ipc",
        SCRIPT,
        dir,
        user,
        Deno.execPath(),
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    // The password, then a wrong one: PAM must tell them apart.
    await writer.write(new TextEncoder().encode(`${password}\n${password}x\n`));
    await writer.close();
    const out = await child.output();
    const text = new TextDecoder();
    const stdout = text.decode(out.stdout);
    assertEquals(out.code, 0, `the namespace's run failed:\n${stdout}\n${text.decode(out.stderr)}`);
    const [signIn, wrong, passwd, shadow] = stdout.trim().split("\n");
    assertEquals(JSON.parse(signIn), { ok: true }, "the password signs in through PAM");
    assertEquals(JSON.parse(wrong).reason, "bad-credentials", "a wrong password does not");
    // The account as the seed asked: bash, a home; its shadow entry is the server's hash itself.
    assertMatch(passwd, new RegExp(`^${user}:x:\\d+:\\d+:[^:]*:/home/${user}:/bin/bash$`));
    assertEquals(shadow.split(":").slice(0, 2), [user, cloudInit.passwordHash]);
    // cloud-init took the seed from the mounted ISO, and ran the user module on it.
    const log = await Deno.readTextFile(`${dir}/cloud-init.log`);
    assertMatch(log, new RegExp(`Using seeded cache data from file://${dir}/seed/`));
    assertMatch(log, /Running module users_groups/);
  });
  // The namespace's overlay and tmpfs went with it: the host never had the account.
  assertEquals(await hostFilesNaming(user), [], `${user} leaked onto the host`);
});
