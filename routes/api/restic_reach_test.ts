// Where restic may connect (lib/restic/reach.ts), through /api/backup-repositories with Debian's
// restic: a repository at a loopback, link-local or private address, or at a name that resolves to
// one ("localhost"), is refused with 400 before restic runs, and a listener of the test's own on
// loopback receives nothing. Hosts, buckets and paths that start with "-" are 400 as well. The
// way through the gate to an allowed address by name: lib/restic/reach_test.ts.

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { firstBytesListener } from "../../tests/support/first_bytes.ts";

const PASSWORD = "a password of some length";

Deno.test("restic reach - repositories at private addresses are refused before restic runs", async () => {
  const listen = firstBytesListener();
  try {
    await withTestApp(async ({ req }) => {
      const port = listen.port;
      const base = { password: PASSWORD, accessKeyId: "k", secretKey: "s" };
      const refused: [string, string, string][] = [
        ["s3", `s3:https://127.0.0.1:${port}/bucket`, "loopback"],
        ["s3", `s3:http://127.0.0.1:${port}/bucket`, "loopback"],
        ["s3", `s3:https://[::1]:${port}/bucket`, "loopback"],
        ["s3", "s3:http://169.254.169.254/bucket", "link-local"],
        ["s3", "s3:https://10.77.0.1/bucket", "private"],
        ["s3", `s3:https://localhost:${port}/bucket`, "loopback"],
        ["sftp", `kvmm@127.0.0.1:/repo`, "loopback"],
        ["sftp", `kvmm@localhost:/repo`, "loopback"],
      ];
      for (const [kind, location, reason] of refused) {
        const res = await req("POST", "/api/backup-repositories", {
          ...base,
          name: "r",
          kind,
          location,
          port: kind === "sftp" ? port : undefined,
        });
        const answer = await res.json();
        assertEquals(
          [res.status, answer.code],
          [400, "URL_REFUSED"],
          `${location}: ${answer.message}`,
        );
        assertMatch(answer.message, new RegExp(`a ${reason} address`), location);
        assertMatch(answer.message, /Images › Outbound connections/);
      }
      const shapes = [
        "s3:https://-oops.example/bucket",
        "s3:https://host.example/-bucket",
        "s3:https://host.example/bucket/-path",
        "s3:https://host.example:0/bucket",
        "s3:https://ho_st.example/bucket",
        "s3:http://named.example:9000/bucket",
        "s3:https://host.1/bucket",
        "s3:https://1.2.3.4.5/bucket",
      ];
      for (const location of shapes) {
        const res = await req("POST", "/api/backup-repositories", {
          ...base,
          name: "r",
          kind: "s3",
          location,
        });
        const answer = await res.json();
        assertEquals(
          [res.status, answer.field],
          [400, "location"],
          `${location}: ${answer.message}`,
        );
      }
      for (const location of ["kvmm@999.1.1.1:/repo", "kvmm@example.09:/repo"]) {
        const res = await req("POST", "/api/backup-repositories", {
          password: PASSWORD,
          name: "r",
          kind: "sftp",
          location,
        });
        const answer = await res.json();
        assertEquals(
          [res.status, answer.field],
          [400, "location"],
          `${location}: ${answer.message}`,
        );
      }
      // Without both keys restic's S3 library would look for the server's own credentials, and
      // at last ask the cloud's metadata service for some.
      for (const keys of [{}, { accessKeyId: "k" }, { secretKey: "s" }]) {
        const res = await req("POST", "/api/backup-repositories", {
          password: PASSWORD,
          name: "r",
          kind: "s3",
          location: "s3:https://s3.example/bucket",
          ...keys,
        });
        const answer = await res.json();
        assertEquals(res.status, 400, JSON.stringify(keys));
        assertMatch(answer.message, /needs both accessKeyId and secretKey/);
      }
      assertEquals(listen.firsts.length, 0, "nothing reached the listener");
      assertEquals((await (await req("GET", "/api/backup-repositories")).json()).length, 0);
    });
  } finally {
    listen.close();
  }
});
