import { withTestApp } from "../routes/test_app.ts";
await withTestApp(async ({ req }) => {
  for (
    const body of [
      {
        name: "s3a",
        kind: "s3",
        location: "s3:http://AKIAKEYID:SUPERSECRETKEY@127.0.0.1:9/bucket",
        password: "passwordpassword",
      },
      {
        name: "s3b",
        kind: "s3",
        location: "s3:http://127.0.0.1:9/bucket",
        password: "passwordpassword",
        accessKeyId: "AKIAKEYID",
        secretKey: "SUPERSECRETKEY",
      },
      {
        name: "sp",
        kind: "sftp",
        location: "u@127.0.0.1:/r",
        password: "passwordpassword",
        keyFile: "/tmp/a b",
      },
      {
        name: "sp2",
        kind: "sftp",
        location: "u@127.0.0.1:/r",
        password: "passwordpassword",
        keyFile: "/tmp/a\nProxyCommand=id",
      },
      {
        name: "sp3",
        kind: "sftp",
        location: "u@127.0.0.1:/r",
        password: "passwordpassword",
        knownHostsFile: '/tmp/k"x',
      },
      {
        name: "sp4",
        kind: "sftp",
        location: "u@h:/r",
        password: "passwordpassword",
        port: 22,
        keyFile: "/x,ProxyCommand=id",
      },
    ]
  ) {
    const res = await req("POST", "/api/backup-repositories", body);
    console.log(body.name, res.status, await res.text());
  }
  const list = await (await req("GET", "/api/backup-repositories")).text();
  console.log("list", list);
  const audit = await (await req("GET", "/api/audit")).text().catch(() => "");
  console.log(
    "audit has secret:",
    audit.includes("SUPERSECRET"),
    audit.includes("passwordpassword"),
    audit.slice(0, 300),
  );
});
