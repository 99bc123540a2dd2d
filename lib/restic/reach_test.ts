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

/** A TCP listener on loopback that keeps the first bytes of each connection. */
function listener() {
  const server = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const firsts: Uint8Array[] = [];
  (async () => {
    for await (const conn of server) {
      const buffer = new Uint8Array(4096);
      conn.read(buffer).then((n) => firsts.push(buffer.subarray(0, n ?? 0)))
        .catch(() => firsts.push(new Uint8Array()))
        .finally(() => setTimeout(() => conn.close(), 100));
    }
  })().catch(() => {});
  return { port: (server.addr as Deno.NetAddr).port, firsts, close: () => server.close() };
}

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
  const listen = listener();
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
  const listen = listener();
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
