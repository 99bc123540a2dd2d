import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertRejects } from "../tests/support/assert.ts";
import type { TlsConfig } from "./config.ts";
import { ipBytes, loadTls, makeSelfSigned, TlsError } from "./tls.ts";
import { withTempDir } from "../tests/support/temp_dir.ts";
import { loopbackName } from "../tests/support/loopback_name.ts";

const LISTEN = { hostname: "127.0.0.1", port: 8420 };

const withDataDir = (fn: (dir: string) => Promise<void>) => withTempDir("kvmm-tls-", fn);

const auto = (dataDir: string, hostname = LISTEN.hostname) =>
  loadTls({ dataDir, listen: { ...LISTEN, hostname } });
const files = (certFile: string, keyFile: string) =>
  loadTls({ dataDir: "/nonexistent", listen: LISTEN, tls: { mode: "files", certFile, keyFile } });

async function openssl(...args: string[]): Promise<string> {
  const out = await new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`openssl ${args.join(" ")}: ${text}`);
  return text;
}

async function tlsError(fn: () => Promise<unknown>): Promise<string> {
  return (await assertRejects(fn, TlsError)).message;
}

Deno.test("tls - auto makes a pair with a 0600 key in a 0700 folder, then reuses it", async () => {
  await withDataDir(async (dataDir) => {
    const first = (await auto(dataDir))!;
    assertEquals(first.generated, true);
    assertEquals(first.certFile, join(dataDir, "tls", "cert.pem"));
    assertEquals(first.keyFile, join(dataDir, "tls", "key.pem"));
    assertEquals((await Deno.stat(first.keyFile)).mode! & 0o777, 0o600);
    assertEquals((await Deno.stat(join(dataDir, "tls"))).mode! & 0o777, 0o700);
    assertEquals(await Deno.readTextFile(first.certFile), first.cert);
    assertMatch(first.cert, /^-----BEGIN CERTIFICATE-----\n/);
    assertMatch(first.key, /^-----BEGIN PRIVATE KEY-----\n/);
    assertMatch(first.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const years = (first.notAfter.getTime() - Date.now()) / (365.25 * 86_400_000);
    assert(years > 9.9 && years < 10.1, `valid ~10 years, got ${years}`);

    const second = (await auto(dataDir))!;
    assertEquals(second.generated, false);
    assertEquals(second.fingerprint, first.fingerprint);
    assertEquals(second.cert, first.cert);
  });
});

Deno.test("tls - openssl reads the certificate: names, key usage, self-signature, fingerprint", async () => {
  await withDataDir(async (dataDir) => {
    const tls = (await auto(dataDir, "192.0.2.7"))!;
    const text = await openssl("x509", "-noout", "-text", "-in", tls.certFile);
    const host = Deno.hostname().toLowerCase();
    assertMatch(text, /Version: 3 \(0x2\)/);
    assertMatch(text, /Signature Algorithm: ecdsa-with-SHA256/);
    assertMatch(text, /NIST CURVE: P-256/);
    assertMatch(text, new RegExp(`Subject: CN ?= ?KVM Manager ${host}`, "i"));
    const san = /X509v3 Subject Alternative Name: *\n\s*(.*)/.exec(text)?.[1] ?? "";
    for (
      const name of [
        "DNS:localhost",
        `DNS:${host}`,
        "IP Address:127.0.0.1",
        "IP Address:0:0:0:0:0:0:0:1",
        "IP Address:192.0.2.7",
      ]
    ) assert(san.split(", ").includes(name), `${name} in SAN "${san}"`);
    assertMatch(text, /X509v3 Basic Constraints: critical\s*\n\s*CA:FALSE/);
    assertMatch(text, /X509v3 Key Usage: critical\s*\n\s*Digital Signature/);
    assertMatch(text, /X509v3 Extended Key Usage: *\n\s*TLS Web Server Authentication/);
    assertMatch(await openssl("verify", "-CAfile", tls.certFile, tls.certFile), /: OK/);
    const fp = await openssl("x509", "-noout", "-fingerprint", "-sha256", "-in", tls.certFile);
    assertMatch(fp, new RegExp(tls.fingerprint));
    // The key is the certificate's: same public key.
    const fromKey = await openssl("pkey", "-pubout", "-in", tls.keyFile);
    assertEquals(fromKey, await openssl("x509", "-noout", "-pubkey", "-in", tls.certFile));
  });
});

Deno.test("tls - a wildcard listen address is not put in the certificate", async () => {
  await withDataDir(async (dataDir) => {
    const tls = (await auto(dataDir, "0.0.0.0"))!;
    const text = await openssl("x509", "-noout", "-text", "-in", tls.certFile);
    assert(!text.includes("IP Address:0.0.0.0"), "no 0.0.0.0");
  });
});

Deno.test("tls - Deno.serve answers HTTPS with the generated pair", async () => {
  await withDataDir(async (dataDir) => {
    const tls = (await auto(dataDir))!;
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert: tls.cert, key: tls.key, onListen: () => {} },
      () => new Response("hello over tls"),
    );
    const client = Deno.createHttpClient({ caCerts: [tls.cert] });
    try {
      const { port } = server.addr as Deno.NetAddr;
      for (const host of ["127.0.0.1", await loopbackName()]) {
        const res = await fetch(`https://${host}:${port}/`, { client });
        assertEquals(await res.text(), "hello over tls", host);
      }
    } finally {
      client.close();
      await server.shutdown();
    }
  });
});

Deno.test("tls - a corrupt certificate is refused and left as it was", async () => {
  await withDataDir(async (dataDir) => {
    const tls = (await auto(dataDir))!;
    const corrupt = tls.cert.replace(/\n[A-Za-z0-9+/]{64}\n/, "\nAAAA\n");
    await Deno.writeTextFile(tls.certFile, corrupt);
    const message = await tlsError(() => auto(dataDir));
    assertMatch(message, new RegExp(`${tls.certFile} is not a PEM X.509 certificate`));
    assertEquals(await Deno.readTextFile(tls.certFile), corrupt);
    assertEquals(await Deno.readTextFile(tls.keyFile), tls.key);

    await Deno.writeTextFile(tls.certFile, "not a certificate\n");
    assertMatch(await tlsError(() => auto(dataDir)), /no CERTIFICATE block/);
    assertEquals(await Deno.readTextFile(tls.certFile), "not a certificate\n");
  });
});

Deno.test("tls - the key of another certificate does not match", async () => {
  await withDataDir(async (a) => {
    await withDataDir(async (b) => {
      const mine = (await auto(a))!;
      const other = (await auto(b))!;
      const message = await tlsError(() => files(mine.certFile, other.keyFile));
      assertMatch(message, /does not match/);
      assertMatch(message, new RegExp(other.keyFile));
      // In auto mode too, and nothing is regenerated over it.
      await Deno.writeTextFile(mine.keyFile, other.key);
      assertMatch(await tlsError(() => auto(a)), /does not match/);
      assertEquals(await Deno.readTextFile(mine.certFile), mine.cert);
    });
  });
});

Deno.test("tls - missing files are refused, in files mode and half a pair in auto", async () => {
  await withDataDir(async (dataDir) => {
    const missing = join(dataDir, "nope.pem");
    assertMatch(await tlsError(() => files(missing, missing)), /nope\.pem does not exist/);
    const tls = (await auto(dataDir))!;
    assertMatch(await tlsError(() => files(tls.certFile, missing)), /nope\.pem does not exist/);

    await Deno.remove(tls.certFile);
    const message = await tlsError(() => auto(dataDir));
    assertMatch(message, /cert\.pem is missing but .*key\.pem exists/);
    assertEquals(await Deno.readTextFile(tls.keyFile), tls.key);
    assertEquals(await Deno.lstat(tls.certFile).catch(() => null), null);
  });
});

Deno.test("tls - a generated key other users can read is refused", async () => {
  await withDataDir(async (dataDir) => {
    const tls = (await auto(dataDir))!;
    await Deno.chmod(tls.keyFile, 0o644);
    assertMatch(await tlsError(() => auto(dataDir)), /mode 644\): run chmod 600/);
  });
});

Deno.test("tls - a data dir that is not a folder is refused", async () => {
  await withDataDir(async (dir) => {
    // A file where the data dir should be: refused even for root.
    const dataDir = join(dir, "not-a-dir");
    await Deno.writeTextFile(dataDir, "");
    assertMatch(await tlsError(() => auto(dataDir)), /Cannot look for .*not-a-dir\/tls\/cert\.pem/);
  });
});

Deno.test("tls - an open tls folder is refused before a key is written in it", async () => {
  await withDataDir(async (dataDir) => {
    const dir = join(dataDir, "tls");
    await Deno.mkdir(dir);
    await Deno.chmod(dir, 0o755);
    assertMatch(await tlsError(() => auto(dataDir)), /mode 755\): run chmod 700/);
    assertEquals([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("tls - mode off is no TLS", async () => {
  const off: TlsConfig = { mode: "off" };
  assertEquals(await loadTls({ dataDir: "/nonexistent", listen: LISTEN, tls: off }), null);
});

Deno.test("tls - openssl's EC and RSA pairs are accepted in files mode, in every key format", async () => {
  await withDataDir(async (dir) => {
    const at = (name: string) => join(dir, name);
    const cert = ["-x509", "-nodes", "-days", "1", "-subj", "/CN=test"];
    await openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", at("ec.key"));
    await openssl("req", ...cert, "-key", at("ec.key"), "-out", at("ec.pem"));
    await openssl(
      "req",
      ...cert,
      "-newkey",
      "rsa:2048",
      "-keyout",
      at("rsa.key"),
      "-out",
      at("rsa.pem"),
    );
    await openssl("rsa", "-traditional", "-in", at("rsa.key"), "-out", at("rsa1.key"));
    await openssl(
      "req",
      ...cert,
      "-newkey",
      "ed25519",
      "-keyout",
      at("ed.key"),
      "-out",
      at("ed.pem"),
    );

    assertMatch(await Deno.readTextFile(at("ec.key")), /BEGIN EC PRIVATE KEY/);
    assertMatch(await Deno.readTextFile(at("rsa1.key")), /BEGIN RSA PRIVATE KEY/);
    for (
      const [c, k] of [["ec.pem", "ec.key"], ["rsa.pem", "rsa.key"], ["rsa.pem", "rsa1.key"], [
        "ed.pem",
        "ed.key",
      ]]
    ) {
      const tls = (await files(at(c), at(k)))!;
      assertEquals(tls.generated, false, k);
    }
    assertMatch(await tlsError(() => files(at("ec.pem"), at("rsa.key"))), /does not match/);
    assertMatch(await tlsError(() => files(at("ed.pem"), at("ec.key"))), /does not match/);
  });
});

Deno.test("tls - validity past 2049 is written as GeneralizedTime, before as UTCTime", async () => {
  await withDataDir(async (dir) => {
    const file = join(dir, "cert.pem");
    await Deno.writeTextFile(file, (await makeSelfSigned("h", "::1", new Date("2045-06-01"))).cert);
    const dates = await openssl("x509", "-noout", "-dates", "-in", file);
    assertMatch(dates, /notBefore=May 31 23:55:00 2045 GMT/);
    assertMatch(dates, /notAfter=May 31 23:55:00 2055 GMT/);
    const der = await new Deno.Command("openssl", {
      args: ["asn1parse", "-in", file],
      stdout: "piped",
    }).output();
    const asn1 = new TextDecoder().decode(der.stdout);
    assertMatch(asn1, /UTCTIME\s*:450531235500Z/);
    assertMatch(asn1, /GENERALIZEDTIME\s*:20550531235500Z/);
  });
});

Deno.test("tls - ipBytes reads IPv4 and IPv6 literals", () => {
  assertEquals([...ipBytes("192.0.2.7")!], [192, 0, 2, 7]);
  assertEquals([...ipBytes("::1")!], [...Array(15).fill(0), 1]);
  assertEquals([...ipBytes("::")!], Array(16).fill(0));
  assertEquals(
    [...ipBytes("2001:db8::ff:1")!],
    [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 1],
  );
  assertEquals([...ipBytes("::ffff:10.0.0.1")!].slice(10), [0xff, 0xff, 10, 0, 0, 1]);
  for (const bad of ["localhost", "256.1.1.1", "1::2::3", "1:2:3", "12345::"]) {
    assertEquals(ipBytes(bad), null, bad);
  }
});
