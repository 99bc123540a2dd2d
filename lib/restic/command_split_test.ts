// restic cuts sftp.command at any Unicode space (U+0085 too, which JavaScript's \s is not) and
// at quotes, and its -o option at commas: a key or known_hosts file holding one would reach ssh
// as an option of its own (-oProxyCommand=… runs a program as root). Refused at the API's
// boundary and again when the command is built (a record stored before).

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { type RepoAccess, sftpCommand } from "./command.ts";
import { RepositoryBody } from "./input.ts";

const ODD = ["/x'-oProxyCommand=id'", '/x"-oProxyCommand=id"', "/x\u0085-oProxyCommand=id", "/x,y"];

Deno.test("restic command - key and known_hosts files restic would cut are refused", () => {
  const body = {
    name: "r",
    kind: "sftp",
    location: "u@h:/r",
    password: "passwordpassword",
  };
  for (const file of ODD) {
    for (const field of ["keyFile", "knownHostsFile"]) {
      const res = RepositoryBody.safeParse({ ...body, [field]: file });
      assertEquals(res.success, false, `${field} ${JSON.stringify(file)}`);
    }
    const repo: RepoAccess = {
      kind: "sftp",
      location: "u@h:/r",
      password: "p",
      keyFile: file,
      knownHostsFile: null,
      port: null,
      accessKeyId: null,
      secretKey: null,
    };
    assertThrows(() => sftpCommand(repo, "/data/known"), Error);
  }
  const fine = RepositoryBody.safeParse({ ...body, keyFile: "/root/.ssh/id_ed25519-kvmm+1" });
  assertEquals(fine.success, true);
});

Deno.test("restic input - S3 keys in the location's URL are refused (they would be shown)", () => {
  const body = {
    name: "r",
    kind: "s3",
    password: "passwordpassword",
    accessKeyId: "k",
    secretKey: "s",
  };
  for (const location of ["s3:https://KEY:SECRET@host/b", "s3:http://KEY@host:9000/b/p"]) {
    assertEquals(RepositoryBody.safeParse({ ...body, location }).success, false, location);
  }
  const fine = RepositoryBody.safeParse({ ...body, location: "s3:https://host/b/user@x" });
  assertEquals(fine.success, true);
});
