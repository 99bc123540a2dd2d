import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { keepArgs, type RepoAccess, resticCall, sftpCommand } from "./command.ts";

const places = { cacheDir: "/data/restic-cache", tofuFile: "/data/ssh/restic_known_hosts" };
const base: RepoAccess = {
  kind: "local",
  location: "/srv/repo",
  password: "s3cret pass; rm -rf /",
  keyFile: null,
  knownHostsFile: null,
  port: null,
  accessKeyId: null,
  secretKey: null,
};

Deno.test("restic command - the password goes in the environment, never in the arguments", () => {
  const call = resticCall(base, ["snapshots"], places);
  assertEquals(call.args, ["-r", "/srv/repo", "--json", "snapshots"]);
  assertEquals(call.env.RESTIC_PASSWORD, base.password);
  assertEquals([call.env.RESTIC_PASSWORD_FILE, call.env.RESTIC_PASSWORD_COMMAND], ["", ""]);
  assertEquals(call.env.RESTIC_CACHE_DIR, places.cacheDir);
  assert(!call.args.some((a) => a.includes("s3cret")));
  assertEquals(call.program, "restic", "a program, not a shell");
});

Deno.test("restic command - SFTP runs ssh in batch mode with the key and known_hosts named", () => {
  const repo: RepoAccess = {
    ...base,
    kind: "sftp",
    location: "backup@nas.lan:/tank/kvmm",
    keyFile: "/data/ssh/id_ed25519",
    knownHostsFile: "/data/ssh/known_hosts",
    port: 2222,
  };
  const call = resticCall(repo, ["init"], { ...places });
  assertEquals(call.args.slice(0, 4), [
    "-r",
    "sftp:backup@nas.lan:/tank/kvmm",
    "-o",
    "sftp.command=ssh -p 2222 -i /data/ssh/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes " +
    "-o StrictHostKeyChecking=yes -o UserKnownHostsFile=/data/ssh/known_hosts " +
    "-o GlobalKnownHostsFile=/dev/null -F /dev/null -s -- backup@nas.lan sftp",
  ]);
  assert(!call.args.join(" ").includes(base.password));
  // Without a known_hosts file: trust on first use, kept in our own file.
  const tofu = sftpCommand({ ...repo, knownHostsFile: null, port: null }, places.tofuFile);
  assert(tofu.includes("StrictHostKeyChecking=accept-new"));
  assert(tofu.includes(`UserKnownHostsFile=${places.tofuFile}`));
  assertThrows(() => sftpCommand({ ...repo, keyFile: "/my keys/id" }, places.tofuFile), Error);
});

Deno.test("restic command - S3 keys go in the environment", () => {
  const call = resticCall(
    {
      ...base,
      kind: "s3",
      location: "s3:https://s3.example.com/bucket/kvmm",
      accessKeyId: "AKIA1",
      secretKey: "very-secret",
    },
    ["check"],
    { ...places, json: false },
  );
  assertEquals(call.args, ["-r", "s3:https://s3.example.com/bucket/kvmm", "check"]);
  assertEquals([call.env.AWS_ACCESS_KEY_ID, call.env.AWS_SECRET_ACCESS_KEY], [
    "AKIA1",
    "very-secret",
  ]);
});

Deno.test("restic command - keep policy flags leave out rules at 0", () => {
  assertEquals(keepArgs({ last: 3, daily: 0, weekly: 4, monthly: 0 }), [
    "--keep-last",
    "3",
    "--keep-weekly",
    "4",
  ]);
  assertEquals(keepArgs({ last: 0, daily: 0, weekly: 0, monthly: 0 }), []);
});
