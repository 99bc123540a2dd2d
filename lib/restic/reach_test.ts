// The way restic reaches a repository's host (reach.ts), with Debian's restic and a resolver of
// the test's own: a name that resolves to loopback is refused before restic runs (a listener
// there receives nothing); once loopback is allowed, restic reaches it by name only through the
// gate, which tunnels to the checked address (the listener's first bytes are a TLS hello for the
// name); SFTP's ssh is told the checked address and keeps the name for the host key.

import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import type { RepoAccess } from "./command.ts";
import { resticCall } from "./command.ts";
import { openReach } from "./reach.ts";
import { ResticRepo } from "./repo.ts";
import { firstBytesListener } from "../../tests/support/first_bytes.ts";

const s3 = (location: string): RepoAccess => ({
  kind: "s3",
  location,
  password: "a password of some length",
  keyFile: null,
  knownHostsFile: null,
  port: null,
  accessKeyId: "k",
  secretKey: "s",
});

/** Rules whose resolver says `name` is 127.0.0.1, as a rebinding name would. */
const rules = (name: string, allowLoopback: boolean) => (): FetchRules => ({
  allowed: allowLoopback ? [parseAllowed("127.0.0.1")!] : [],
  resolve: (host) => Promise.resolve(host === name ? ["127.0.0.1"] : ["192.0.2.1"]),
});

Deno.test("restic reach - a name that resolves to loopback is refused before restic runs", async () => {
  const listen = firstBytesListener();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-reach-" });
  try {
    const places = { cacheDir: `${dir}/cache`, tofuFile: `${dir}/known_hosts` };
    const repo = new ResticRepo(
      "r",
      s3(`s3:https://rebound.example:${listen.port}/bucket`),
      places,
      rules("rebound.example", false),
    );
    const err = await assertRejects(() => repo.init(), AppError);
    assertEquals(err.code, "URL_REFUSED");
    assert(err.message.includes("rebound.example is 127.0.0.1, a loopback address"), err.message);
    await new Promise((r) => setTimeout(r, 200));
    assertEquals(listen.firsts.length, 0, "nothing reached the listener");
  } finally {
    listen.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("restic reach - an allowed address is reached by name only through the gate", async () => {
  const listen = firstBytesListener();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-reach-" });
  try {
    const places = { cacheDir: `${dir}/cache`, tofuFile: `${dir}/known_hosts` };
    const repo = new ResticRepo(
      "r",
      s3(`s3:https://minio.example:${listen.port}/bucket`),
      places,
      rules("minio.example", true),
    );
    // The listener speaks no TLS: restic fails after reaching it (and retries, hence the signal).
    const stop = AbortSignal.timeout(15_000);
    await assertRejects(() => repo.snapshots([], stop), Error);
    assert(listen.firsts.length > 0, "restic reached the allowed address");
    const hello = listen.firsts[0];
    assertEquals(hello[0], 0x16, "a TLS handshake came through the tunnel");
    assert(
      new TextDecoder("latin1").decode(hello).includes("minio.example"),
      "for the name, not the address",
    );
  } finally {
    listen.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("restic reach - ssh connects to the checked address and knows the key by the name", async () => {
  const access: RepoAccess = {
    ...s3(""),
    kind: "sftp",
    location: "backup@vault.example:/srv/repo",
    accessKeyId: null,
    secretKey: null,
  };
  const reach = await openReach(access, rules("vault.example", true)());
  assertEquals(reach.sshAddress, "127.0.0.1");
  const call = resticCall(access, ["snapshots"], {
    cacheDir: "/c",
    tofuFile: "/t",
    reach,
  });
  const command = call.args[call.args.indexOf("-o") + 1];
  assert(command.includes("-o HostKeyAlias=vault.example -o CheckHostIP=no"), command);
  assert(command.endsWith("-s -- backup@127.0.0.1 sftp"), command);
  assertEquals(call.env.HTTPS_PROXY, "", "no proxy of the server's own applies");
  const refused = await assertRejects(
    () => openReach(access, rules("vault.example", false)()),
    AppError,
  );
  assertEquals(refused.code, "URL_REFUSED");
});

/** Asks `proxyUrl` (user:key@host:port) for a tunnel to `target`; answers the status line. */
async function connectThrough(proxyUrl: string, target: string): Promise<string> {
  const url = new URL(proxyUrl);
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  try {
    const auth = btoa(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`);
    await conn.write(
      new TextEncoder().encode(
        `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\nProxy-Authorization: Basic ${auth}\r\n\r\n`,
      ),
    );
    const buffer = new Uint8Array(200);
    const n = await conn.read(buffer);
    if (n && target.includes("tunnel-to-listener")) await conn.write(new Uint8Array([0x16, 1, 2]));
    await new Promise((r) => setTimeout(r, 100));
    return new TextDecoder().decode(buffer.subarray(0, n ?? 0)).split("\r\n")[0];
  } finally {
    conn.close();
  }
}

Deno.test("restic reach - each tunnel restic asks the gate for is checked by its own name (an Amazon endpoint's regional one)", async () => {
  const listen = firstBytesListener();
  try {
    const endpoint = "s3.eu-west-1.amazonaws.com";
    // restic's S3 library turns the endpoint into this name and asks for a tunnel to it.
    const regional = "s3.dualstack.eu-west-1.amazonaws.com";
    const answers: Record<string, string> = {
      [endpoint]: "127.0.0.1",
      [regional]: "10.20.30.40",
      "tunnel-to-listener.example": "127.0.0.1",
    };
    const reach = await openReach(s3(`s3:https://${endpoint}:${listen.port}/bucket`), {
      allowed: [parseAllowed("127.0.0.1")!],
      resolve: (host) => Promise.resolve([answers[host] ?? "192.0.2.1"]),
    });
    try {
      const proxy = reach.env.HTTPS_PROXY;
      assertEquals(
        await connectThrough(proxy, `${regional}:${listen.port}`),
        "HTTP/1.1 403 Forbidden",
      );
      const refusal = reach.refusal();
      assertEquals(refusal?.code, "URL_REFUSED");
      assert(refusal!.message.includes(`${regional} is 10.20.30.40, a private address`));
      assertEquals(
        await connectThrough(proxy, `${endpoint}:${listen.port + 1}`),
        "HTTP/1.1 403 Forbidden",
        "another port",
      );
      assertEquals(listen.firsts.length, 0, "nothing reached the listener");
      assertEquals(
        await connectThrough(proxy, `tunnel-to-listener.example:${listen.port}`),
        "HTTP/1.1 200 Connection established",
      );
      await new Promise((r) => setTimeout(r, 200));
      assertEquals(listen.firsts.length, 1, "an allowed name is tunnelled to its checked address");
    } finally {
      reach.close();
    }
  } finally {
    listen.close();
  }
});

Deno.test("restic reach - restic runs with an environment of its own: none of the server's credentials or proxies", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-reach-" });
  const seen = `${dir}/env`;
  const fake = `${dir}/restic`;
  await Deno.writeTextFile(fake, `#!/bin/sh\nenv > ${seen}\nexit 1\n`);
  await Deno.chmod(fake, 0o755);
  const saved = ["KVMM_RESTIC_BIN", "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE", "NO_PROXY"]
    .map((name) => [name, Deno.env.get(name)] as const);
  Deno.env.set("KVMM_RESTIC_BIN", fake);
  Deno.env.set("AWS_SESSION_TOKEN", "the-servers-token");
  Deno.env.set("AWS_SHARED_CREDENTIALS_FILE", "/root/.aws/credentials");
  Deno.env.set("NO_PROXY", "*");
  try {
    const places = { cacheDir: `${dir}/cache`, tofuFile: `${dir}/known_hosts` };
    const repo = new ResticRepo(
      "r",
      s3("s3:https://minio.example/bucket"),
      places,
      rules("nothing", false),
    );
    await assertRejects(() => repo.snapshots(), Error);
    const env = Object.fromEntries(
      (await Deno.readTextFile(seen)).trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    for (const name of ["AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE"]) {
      assertEquals(env[name], undefined, name);
    }
    assertEquals(env.NO_PROXY, "");
    assertEquals(env.HOME, places.cacheDir, "no ~/.aws or ~/.mc of root's");
    assert(env.HTTPS_PROXY?.startsWith("http://kvm-manager:"), "the gate is restic's proxy");
    assertEquals(env.HTTP_PROXY, env.HTTPS_PROXY, "plain HTTP goes to the gate, which refuses it");
    assertEquals([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY], ["k", "s"]);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
    }
    await Deno.remove(dir, { recursive: true });
  }
});
