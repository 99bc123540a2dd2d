// `kvm-manager repo …` and `vm backup --repo` end to end: the client as a process against a real
// server (test-driver node) running Debian's restic on a local-folder repository. Real VM
// backups into repositories: tests/qemu_restic_test.ts.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, rows, withCli } from "./support/cli.ts";

Deno.test("cli repo - add (password from stdin), list, snapshots, check, prune, refusals", async () => {
  await withCli(async ({ run, api, home }) => {
    const location = `${home}/repo`;
    let r = await run(
      [
        "repo",
        "add",
        "offsite",
        "--location",
        location,
        "--password-file",
        "-",
        "--keep-last",
        "2",
      ],
      { stdin: "a long enough password\n" },
    );
    assertExit(r, 0, "repo add");
    assertMatch(r.stdout, /^Added repository offsite \(local .*\/repo\)$/m);
    await Deno.stat(`${location}/config`);
    const listed = await api("GET", "/api/backup-repositories");
    assertEquals(listed.body.map((b: { name: string }) => b.name), ["offsite"]);
    assert(!JSON.stringify(listed.body).includes("a long enough password"));

    r = await run(["repo", "list"]);
    assertExit(r, 0, "repo list");
    assertEquals(rows(r.stdout).map((x) => [x.NAME, x.KIND, x.KEEP]), [[
      "offsite",
      "local",
      "last 2",
    ]]);

    r = await run(["repo", "snapshots", "offsite"]);
    assertExit(r, 0, "repo snapshots");
    assertEquals(rows(r.stdout), []);

    r = await run(["repo", "check", "offsite"]);
    assertExit(r, 0, "repo check");
    assertMatch(r.stdout, /^check succeeded/m);
    r = await run(["repo", "prune", "offsite", "--json"]);
    assertExit(r, 0, "repo prune");
    assertEquals(JSON.parse(r.stdout).result, { kept: [], removed: [] });

    // The same folder with another password: restic's refusal in words, exit 1.
    r = await run(
      ["repo", "add", "again", "--location", location, "--password-file", "-", "--existing"],
      { stdin: "not the password at all\n" },
    );
    assertExit(r, 1, "wrong password");
    assertMatch(r.stderr, /The password does not open repository again/);

    r = await run(["repo", "add", "nopw", "--location", location]);
    assertExit(r, 2, "no password file");
    r = await run(["vm", "backup", "db"]);
    assertExit(r, 2, "vm backup without --repo");
    r = await run(["vm", "backup", "db", "--repo", "nowhere"]);
    assertExit(r, 5, "an unknown repository");
    assertMatch(r.stderr, /Backup repository nowhere not found/);
  });
});
