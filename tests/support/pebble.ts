// A real ACME server on loopback, started by a test (issue 60): Debian's pebble (Let's Encrypt's
// test CA) with its own HTTPS certificate from a CA made here, and pebble-challtestsrv as the DNS
// server pebble asks, which answers every A query with 127.0.0.1 and holds the TXT records a DNS-01
// hook sets through its management API. Needs pebble and openssl (scripts/install-test-deps.sh).

import { freePort } from "../harness/free_port.ts";
import { type Daemon, followStart } from "./daemon_start.ts";

const START_TIMEOUT_MS = 15_000;

export interface Pebble {
  /** The ACME directory, https://127.0.0.1:PORT/dir. */
  directoryUrl: string;
  /** The CA that signed pebble's own HTTPS certificate: an ACME client's `caFile`. */
  caFile: string;
  /** A CA that did not: a client trusting only it cannot reach pebble. */
  wrongCaFile: string;
  /** The port pebble's HTTP-01 checks connect to. */
  httpPort: number;
  /** challtestsrv's management API (POST /set-txt, /clear-txt, /add-a). */
  challengeApi: string;
  /** The root pebble issues under, PEM: what a browser trusting this CA would hold. */
  root(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts pebble issuing certificates valid `validitySeconds` (default its 5 years). */
export async function startPebble({ validitySeconds }: { validitySeconds?: number } = {}): Promise<
  Pebble
> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-pebble-" });
  const daemons: Daemon[] = [];
  const stop = async () => {
    for (const d of daemons) {
      try {
        d.child.kill("SIGTERM");
      } catch { /* already gone */ }
      await d.child.status;
      await d.reader.catch(() => {});
    }
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    const caFile = `${dir}/ca.pem`;
    const wrongCaFile = `${dir}/wrong-ca.pem`;
    await makeCa(dir, "ca", "KVM Manager test ACME server CA");
    await makeCa(dir, "wrong-ca", "Unrelated test CA");
    await openssl([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "2",
      "-CA",
      caFile,
      "-CAkey",
      `${dir}/ca.key`,
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-addext",
      "basicConstraints=CA:FALSE",
      "-keyout",
      `${dir}/pebble.key`,
      "-out",
      `${dir}/pebble.pem`,
    ]);
    const [acmePort, managementPort, httpPort, dnsPort, challengePort] = distinctPorts(5);
    await Deno.writeTextFile(
      `${dir}/pebble.json`,
      JSON.stringify({
        pebble: {
          listenAddress: `127.0.0.1:${acmePort}`,
          managementListenAddress: `127.0.0.1:${managementPort}`,
          certificate: `${dir}/pebble.pem`,
          privateKey: `${dir}/pebble.key`,
          httpPort,
          tlsPort: freePort(),
          ocspResponderURL: "",
          externalAccountBindingRequired: false,
          ...(validitySeconds ? { certificateValidityPeriod: validitySeconds } : {}),
        },
      }),
    );
    daemons.push(
      await start(
        "pebble-challtestsrv",
        [
          "-defaultIPv4",
          "127.0.0.1",
          "-defaultIPv6",
          "",
          "-dns01",
          `127.0.0.1:${dnsPort}`,
          "-http01",
          "",
          "-https01",
          "",
          "-tlsalpn01",
          "",
          "-management",
          `127.0.0.1:${challengePort}`,
        ],
        {},
        (line) => line.includes("Starting management server"),
      ),
    );
    daemons.push(
      await start("pebble", [
        "-config",
        `${dir}/pebble.json`,
        "-dnsserver",
        `127.0.0.1:${dnsPort}`,
      ], {
        // No random 0-15 s wait before each check, no refused nonces, a new check every order
        // (a renewal proves the challenge again rather than reusing the last authorization).
        PEBBLE_VA_NOSLEEP: "1",
        PEBBLE_WFE_NONCEREJECT: "0",
        PEBBLE_AUTHZREUSE: "0",
      }, (line) => line.includes("ACME directory available")),
    );
    const http = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(caFile)] });
    return {
      directoryUrl: `https://127.0.0.1:${acmePort}/dir`,
      caFile,
      wrongCaFile,
      httpPort,
      challengeApi: `http://127.0.0.1:${challengePort}`,
      root: async () => {
        const res = await fetch(`https://127.0.0.1:${managementPort}/roots/0`, { client: http });
        if (!res.ok) throw new Error(`pebble's root: ${res.status}`);
        return await res.text();
      },
      stop: async () => {
        http.close();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function distinctPorts(n: number): number[] {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(freePort());
  return [...ports];
}

async function start(
  program: string,
  args: string[],
  env: Record<string, string>,
  isReady: (line: string) => boolean,
): Promise<Daemon> {
  // Both log to stdout; the shell hands it to stderr, which followStart reads, and is replaced
  // by the program (exec), so the child is the daemon itself.
  const child = new Deno.Command("bash", {
    args: ["-c", 'exec "$@" 1>&2', program, program, ...args],
    env,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const { daemon, outcome } = await followStart(child, isReady, START_TIMEOUT_MS);
  if (outcome !== "ready") {
    try {
      child.kill("SIGKILL");
    } catch { /* gone */ }
    await child.status;
    throw new Error(`${program} did not start (${outcome}):\n${daemon.lines.join("\n")}`);
  }
  return daemon;
}

async function makeCa(dir: string, name: string, cn: string): Promise<void> {
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${cn}`,
    "-keyout",
    `${dir}/${name}.key`,
    "-out",
    `${dir}/${name}.pem`,
  ]);
}

async function openssl(args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, stdin: "null" }).output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]}: ${new TextDecoder().decode(out.stderr)}`);
  }
}
