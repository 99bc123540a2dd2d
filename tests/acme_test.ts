// The server's certificate from an ACME CA (issue 60), against a real pebble started by the test
// (tests/support/pebble.ts): set up through the API, ordered by HTTP-01 on the port pebble checks,
// served at once by the running server (read back with openssl s_client, verified up to pebble's
// root for the ordered name), renewed by itself before it expires (pebble issues for 21 s), kept
// across a restart, ordered by DNS-01 through a hook for a wildcard name, and every failure one
// sentence with its code.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { type Pebble, startPebble } from "./support/pebble.ts";
import { type Server, startServer } from "../main.ts";
import { acmeFeature } from "../lib/acme/feature.ts";
import type { AcmeInfo } from "../shared/acme.ts";
import type { Config } from "../lib/config.ts";
import { freePort } from "./harness/free_port.ts";

const DOMAIN = "kvm.test";
const VALIDITY_SECONDS = 21;

function serverConfig(dataDir: string, hookDir: string, extra: Partial<Config> = {}): Config {
  return {
    uri: "test:///default",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    tls: { mode: "auto" },
    dataDir,
    acmeHooks: hookDir,
    ...extra,
  };
}

/** An admin's call; the status and the JSON answer. Trusts the certificate in `trust`. */
async function call(
  server: Server,
  trust: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: AcmeInfo & { code?: string; message?: string } }> {
  const token = server.ctx.auth.tokens.create({
    name: `acme-${crypto.randomUUID()}`,
    owner: "root",
    role: "admin",
  }).secret;
  const client = Deno.createHttpClient({ caCerts: [trust] });
  try {
    const res = await fetch(`${server.url}/api/acme${path}`, {
      method,
      client,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  } finally {
    client.close();
  }
}

/** What the server serves on its port, read by openssl: the leaf's fingerprint and whether it verifies. */
async function served(server: Server, root: string, name: string) {
  const { port } = new URL(server.url);
  const rootFile = await Deno.makeTempFile({ suffix: ".pem" });
  try {
    await Deno.writeTextFile(rootFile, root);
    const out = await new Deno.Command("openssl", {
      args: [
        "s_client",
        "-connect",
        `127.0.0.1:${port}`,
        "-servername",
        name,
        "-CAfile",
        rootFile,
        "-verify_hostname",
        name,
      ],
      stdin: "null",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    const leaf = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    assert(leaf, `openssl s_client printed no certificate:\n${text}`);
    const fp = await new Deno.Command("openssl", {
      args: ["x509", "-noout", "-fingerprint", "-sha256"],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const w = fp.stdin.getWriter();
    await w.write(new TextEncoder().encode(leaf));
    await w.close();
    const fingerprint = new TextDecoder().decode((await fp.output()).stdout).split("=")[1].trim();
    return { fingerprint, verified: /Verify return code: 0 \(ok\)/.test(text), text };
  } finally {
    await Deno.remove(rootFile);
  }
}

function httpSettings(pebble: Pebble, extra: Record<string, unknown> = {}) {
  return {
    directoryUrl: pebble.directoryUrl,
    email: "admin@kvm.test",
    termsAgreed: true,
    domains: [DOMAIN],
    challenge: { type: "http-01", port: pebble.httpPort },
    caFile: pebble.caFile,
    ...extra,
  };
}

/** A DNS-01 hook that sets and clears the record in pebble's DNS stand-in and logs its calls. */
async function writeHooks(dir: string, pebble: Pebble): Promise<string> {
  const log = `${dir}/calls.log`;
  await Deno.writeTextFile(
    `${dir}/challtest`,
    `#!/bin/sh
set -e
echo "$1 $2" >> ${log}
case "$1" in
  add) curl -sf -d "{\\"host\\":\\"$2.\\",\\"value\\":\\"$3\\"}" ${pebble.challengeApi}/set-txt ;;
  remove) curl -sf -d "{\\"host\\":\\"$2.\\"}" ${pebble.challengeApi}/clear-txt ;;
esac
`,
    { mode: 0o755 },
  );
  await Deno.chmod(`${dir}/challtest`, 0o755);
  await Deno.writeTextFile(`${dir}/broken`, `#!/bin/sh\necho "no API key for $2" >&2\nexit 3\n`);
  await Deno.chmod(`${dir}/broken`, 0o755);
  // Anyone may change it: never offered.
  await Deno.writeTextFile(`${dir}/open`, `#!/bin/sh\nexit 0\n`);
  await Deno.chmod(`${dir}/open`, 0o777);
  return log;
}

Deno.test("ACME - order by HTTP-01, serve it at once, renew before expiry, keep it across a restart", async () => {
  const pebble = await startPebble({ validitySeconds: VALIDITY_SECONDS });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-acme-" });
  const hookDir = await Deno.makeTempDir({ prefix: "kvmm-acme-hooks-" });
  let server: Server | null = null;
  try {
    await writeHooks(hookDir, pebble);
    server = await startServer(serverConfig(dataDir, hookDir), { quiet: true });
    const selfSigned = await Deno.readTextFile(`${dataDir}/tls/cert.pem`);

    const before = await call(server, selfSigned, "GET", "");
    assertEquals(before.status, 200);
    assertEquals(before.json.settings, null);
    assertEquals(before.json.unavailable, null);
    assertEquals(before.json.hooks, ["broken", "challtest"], "only hooks only root may change");

    // Refusals at the boundary, in the form's words.
    const noTerms = await call(
      server,
      selfSigned,
      "PUT",
      "",
      httpSettings(pebble, { termsAgreed: false }),
    );
    assertEquals([noTerms.status, noTerms.json.code], [400, "INVALID_ACME"]);
    assertMatch(noTerms.json.message!, /terms of service/);
    const wildcard = await call(
      server,
      selfSigned,
      "PUT",
      "",
      httpSettings(pebble, { domains: ["*.kvm.test"] }),
    );
    assertEquals([wildcard.status, wildcard.json.code], [400, "INVALID_ACME"]);
    assertMatch(wildcard.json.message!, /DNS-01/);
    const notHttps = await call(
      server,
      selfSigned,
      "PUT",
      "",
      httpSettings(pebble, { directoryUrl: "http://127.0.0.1/dir" }),
    );
    assertEquals([notHttps.status, notHttps.json.code], [400, "INVALID_ACME"]);
    const openHook = await call(
      server,
      selfSigned,
      "PUT",
      "",
      httpSettings(pebble, {
        challenge: { type: "dns-01", hook: "open" },
      }),
    );
    assertEquals([openHook.status, openHook.json.code], [400, "ACME_HOOK_NOT_FOUND"]);
    const notSet = await call(server, selfSigned, "POST", "/order");
    assertEquals([notSet.status, notSet.json.code], [409, "ACME_NOT_CONFIGURED"]);

    const put = await call(server, selfSigned, "PUT", "", httpSettings(pebble));
    assertEquals(put.status, 200, JSON.stringify(put.json));
    assertEquals(put.json.settings?.domains, [DOMAIN]);
    assertEquals(put.json.renewAt, null, "nothing to renew before the first order");

    const ordered = await call(server, selfSigned, "POST", "/order");
    assertEquals(ordered.status, 200, JSON.stringify(ordered.json));
    const first = ordered.json.certificate!;
    assertEquals(first.domains, [DOMAIN]);
    assertMatch(first.issuer, /^Pebble Intermediate CA/);
    assertEquals(ordered.json.lastOrder?.ok, true);
    assertEquals(ordered.json.served?.fingerprint, first.fingerprint);

    // Served now by the running server, verified up to pebble's root for the ordered name.
    const root = await pebble.root();
    const now = await served(server, root, DOMAIN);
    assertEquals(now.fingerprint, first.fingerprint);
    assert(now.verified, `the served chain does not verify:\n${now.text}`);
    const keyMode = (await Deno.stat(`${dataDir}/tls/key.pem`)).mode! & 0o777;
    assertEquals(keyMode, 0o600);

    // Renewed by itself when a third of its 21 s lifetime is left, and served.
    const acme = server.ctx.features.get(acmeFeature);
    const renewAt = Date.parse(acme.info().renewAt!);
    const lifetime = Date.parse(first.notAfter) - Date.parse(first.notBefore);
    assert(Math.abs(Date.parse(first.notAfter) - lifetime / 3 - renewAt) < 1000, "renews at 2/3");
    let renewed = first;
    for (const end = Date.now() + 30_000; Date.now() < end;) {
      renewed = acme.info().certificate!;
      if (renewed.fingerprint !== first.fingerprint) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert(renewed.fingerprint !== first.fingerprint, "the certificate was not renewed");
    assert(Date.parse(renewed.notAfter) > Date.parse(first.notAfter));
    assert(Date.now() < Date.parse(first.notAfter), "renewed before the old one expired");
    assertEquals((await served(server, root, DOMAIN)).fingerprint, renewed.fingerprint);

    // A restart serves the kept certificate.
    await server.close();
    server = null;
    server = await startServer(serverConfig(dataDir, hookDir), { quiet: true });
    const info = server.ctx.features.get(acmeFeature).info();
    assertEquals(info.served?.fingerprint, info.certificate?.fingerprint);
    assertEquals(info.settings?.domains, [DOMAIN]);
  } finally {
    await server?.close();
    await pebble.stop();
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(hookDir, { recursive: true });
  }
});

Deno.test("ACME - DNS-01 through a hook for a wildcard; each failure one sentence with its code", async () => {
  const pebble = await startPebble();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-acme-" });
  const hookDir = await Deno.makeTempDir({ prefix: "kvmm-acme-hooks-" });
  let server: Server | null = null;
  let plain: Server | null = null;
  let squatter: Deno.HttpServer | null = null;
  try {
    const log = await writeHooks(hookDir, pebble);
    server = await startServer(serverConfig(dataDir, hookDir), { quiet: true });
    const trust = await Deno.readTextFile(`${dataDir}/tls/cert.pem`);
    const order = async (settings: Record<string, unknown>) => {
      const put = await call(server!, trust, "PUT", "", settings);
      assertEquals(put.status, 200, JSON.stringify(put.json));
      return await call(server!, trust, "POST", "/order");
    };

    // Nobody answers where the directory is.
    const closed = freePort();
    const unreachable = await order(httpSettings(pebble, {
      directoryUrl: `https://127.0.0.1:${closed}/dir`,
    }));
    assertEquals([unreachable.status, unreachable.json.code], [502, "ACME_UNREACHABLE"]);
    assertMatch(unreachable.json.message!, new RegExp(`127\\.0\\.0\\.1:${closed}`));
    // The ACME server's certificate is not from the CA the admin named.
    const untrusted = await order(httpSettings(pebble, { caFile: pebble.wrongCaFile }));
    assertEquals([untrusted.status, untrusted.json.code], [502, "ACME_TLS_FAILED"]);
    // Another program holds the HTTP-01 port.
    squatter = Deno.serve(
      { hostname: "127.0.0.1", port: pebble.httpPort, onListen() {} },
      () => new Response("not ours"),
    );
    const busy = await order(httpSettings(pebble));
    assertEquals([busy.status, busy.json.code], [409, "ACME_PORT_BUSY"]);
    assertMatch(busy.json.message!, new RegExp(`Port ${pebble.httpPort} is in use`));
    await squatter.shutdown();
    squatter = null;
    // The CA's check fails (the name leads it to an address where nothing answers): its reason.
    const added = await fetch(`${pebble.challengeApi}/add-a`, {
      method: "POST",
      body: JSON.stringify({ host: "elsewhere.test.", addresses: ["127.0.0.2"] }),
    });
    await added.body?.cancel();
    assert(added.ok, "challtestsrv took the A record");
    const failedCheck = await order(httpSettings(pebble, { domains: ["elsewhere.test"] }));
    assertEquals(
      [failedCheck.status, failedCheck.json.code],
      [502, "ACME_ERROR"],
      failedCheck.json.message,
    );
    assertMatch(failedCheck.json.message!, /127\.0\.0\.2/);
    // The admin's hook fails: its own words.
    const hookFails = await order(httpSettings(pebble, {
      challenge: { type: "dns-01", hook: "broken" },
    }));
    assertEquals([hookFails.status, hookFails.json.code], [502, "ACME_HOOK_FAILED"]);
    assertMatch(hookFails.json.message!, /no API key for _acme-challenge\.kvm\.test/);
    const after = await call(server, trust, "GET", "");
    assertEquals(after.json.lastOrder?.ok, false);
    assertEquals(after.json.lastOrder?.error?.code, "ACME_HOOK_FAILED");
    assertEquals(after.json.certificate, null);

    // DNS-01 for the name and its wildcard: the hook sets and clears each record.
    const wild = await order(httpSettings(pebble, {
      domains: [DOMAIN, `*.${DOMAIN}`],
      challenge: { type: "dns-01", hook: "challtest" },
    }));
    assertEquals(wild.status, 200, JSON.stringify(wild.json));
    assertEquals(wild.json.certificate?.domains.sort(), [`*.${DOMAIN}`, DOMAIN]);
    const calls = (await Deno.readTextFile(log)).trim().split("\n");
    assertEquals(calls.filter((c) => c === `add _acme-challenge.${DOMAIN}`).length, 2);
    assertEquals(calls.filter((c) => c === `remove _acme-challenge.${DOMAIN}`).length, 2);
    const root = await pebble.root();
    assertEquals((await served(server, root, `vm1.${DOMAIN}`)).verified, true);

    // A server with no certificate of its own to manage says so.
    plain = await startServer(
      serverConfig(await Deno.makeTempDir({ prefix: "kvmm-acme-plain-" }), hookDir, {
        tls: { mode: "off" },
      }),
      { quiet: true },
    );
    const info = plain.ctx.features.get(acmeFeature).info();
    assertMatch(info.unavailable!, /plain HTTP/);
  } finally {
    await squatter?.shutdown();
    await server?.close();
    if (plain) {
      await plain.close();
      await Deno.remove(plain.ctx.config.dataDir, { recursive: true });
    }
    await pebble.stop();
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(hookDir, { recursive: true });
  }
});
