// A real OpenSSH server on loopback, started by a test, so `qemu+ssh://root@127.0.0.1/system`
// goes through libvirt's real ssh transport (ssh → sshd → virt-ssh-helper → libvirtd).
// Everything lives in one temp dir, DATA/ssh: client key, host key, sshd_config, known_hosts.
// DATA stands in for KVM Manager's data folder (`dataDir`), whose ssh/ the hosts API takes key
// and known_hosts files from (lib/hosts/uri_policy.ts). Nothing in /etc/ssh or root's ~/.ssh is
// read or written. Needs root and openssh-server
// (scripts/install-test-deps.sh).

import { freePort } from "../harness/free_port.ts";
import { type Daemon, followStart } from "./daemon_start.ts";

/** A running sshd; see startSshd. */
export interface Sshd {
  /**
   * qemu+ssh URI of the local libvirtd through this sshd (host key verified, never prompts).
   * It carries `command=` (an ssh wrapper adding `-F ssh_config`), which the hosts API refuses:
   * for LibvirtClient and virsh directly.
   */
  uri: string;
  /**
   * The same through libvirt's libssh transport: keyfile= and known_hosts= only, no program
   * named, so the hosts API takes it as a user's URI.
   */
  libsshUri: string;
  /** 22 when it was free, else another free port (then part of `uri`). */
  port: number;
  /**
   * A data folder for the app (Config.dataDir) whose ssh/ holds the key and known_hosts, so the
   * hosts API takes `libsshUri`.
   */
  dataDir: string;
  /** The client's private key (ed25519, no passphrase). */
  keyFile: string;
  /** known_hosts holding this sshd's host key, read by the ssh that libvirt runs. */
  knownHostsFile: string;
  /** What sshd logged so far (-e: its log goes to stderr). */
  log(): string;
  /**
   * How many connections OpenSSH's `ssh` client made so far: KVM Manager's own ssh (the device
   * read, display tunnels), told apart from libvirt's libssh connections, which a loaded machine
   * may open again at any time (read from the client's version string, logged at DEBUG1).
   */
  opensshSessions(): number;
  /**
   * Kills sshd and every session it started, as when the host goes down; the client side
   * (key, known_hosts, ssh wrapper) stays until close(), so `uri` now meets a refused port.
   * Idempotent.
   */
  stop(): Promise<void>;
  /** stop(), then removes the temp dir. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";
const SSH = "/usr/bin/ssh";
const HOST = "127.0.0.1";
const PREFERRED_PORT = 22;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 3_000;

/** Runs `fn` with a fresh sshd, then stops it and removes its files, whatever `fn` does. */
export async function withSshd(fn: (s: Sshd) => Promise<void>): Promise<void> {
  await using sshd = await startSshd();
  await fn(sshd);
}

/** Starts sshd on 127.0.0.1 (port 22 if free) and resolves once it listens. */
export async function startSshd(): Promise<Sshd> {
  if (Deno.uid() !== 0) throw new Error("tests/support/sshd.ts needs root: sshd logs in as root");
  try {
    await Deno.stat(SSHD);
  } catch {
    throw new Error(`${SSHD} is missing: run scripts/install-test-deps.sh (openssh-server)`);
  }
  // sshd's privilege-separation dir; the Debian package makes it only when sshd starts as a
  // service. sshd refuses it unless root-owned and not group/world-writable.
  await Deno.mkdir("/run/sshd", { recursive: true, mode: 0o755 });

  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-sshd-" });
  const dir = `${dataDir}/ssh`;
  try {
    await Deno.chmod(dataDir, 0o700);
    await Deno.mkdir(dir, { mode: 0o700 });
    await Deno.mkdir(`${dir}/home`, { mode: 0o700 });
    // Paths go unquoted into the URI's query and the ssh wrapper script: keep them plain.
    if (!/^[\w/.-]+$/.test(dir)) throw new Error(`temp dir path not plain enough: ${dir}`);
    return await startIn(dataDir, dir);
  } catch (err) {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    throw err;
  }
}

async function startIn(dataDir: string, dir: string): Promise<Sshd> {
  const keyFile = `${dir}/client_key`;
  const hostKey = `${dir}/host_key`;
  await keygen(keyFile, "kvmm-test-client");
  await keygen(hostKey, "kvmm-test-host");
  // restrict: no pty, no agent or X11, no forwarding but to this machine's own loopback, which
  // the console's tunnel to a display listening there needs (ssh -W); libvirt runs a command.
  await Deno.writeTextFile(
    `${dir}/authorized_keys`,
    `restrict,port-forwarding,permitopen="127.0.0.1:*" ${await Deno.readTextFile(
      `${keyFile}.pub`,
    )}`,
  );

  let port = portIsFree(PREFERRED_PORT) ? PREFERRED_PORT : freePort();
  for (let attempt = 1;; attempt++) {
    try {
      const server = await spawnSshd(dir, hostKey, port);
      return await finish(dataDir, dir, keyFile, hostKey, port, server);
    } catch (err) {
      // Another process may have taken the port between our check and sshd's bind.
      if (!(err instanceof PortTaken) || attempt >= 3) throw err;
      port = freePort();
    }
  }
}

class PortTaken extends Error {}

/** The running daemon (tests/support/daemon_start.ts). */
type Server = Daemon;

async function spawnSshd(dir: string, hostKey: string, port: number): Promise<Server> {
  const config = `${dir}/sshd_config`;
  // -f makes sshd read this file only, not /etc/ssh/sshd_config nor its sshd_config.d.
  await Deno.writeTextFile(
    config,
    [
      `ListenAddress ${HOST}`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      "AllowUsers root",
      "PermitRootLogin prohibit-password",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      // StrictModes checks every directory up to / for group/world write; /tmp is 1777.
      "StrictModes no",
      "PrintMotd no",
      // sshd runs each session's command through root's shell, and Debian's bash then reads
      // ~/.bashrc: this machine's (a pyenv init there) made sessions wait up to a minute on its
      // lock, past the client's deadline (seen here while chasing ci72). A HOME of the test's own.
      `SetEnv HOME=${dir}/home`,
      // The client's version string ("remote software version OpenSSH_9.2p1 …") is logged at
      // DEBUG1: what tells KVM Manager's ssh from libvirt's libssh (opensshSessions).
      "LogLevel DEBUG1",
      "",
    ].join("\n"),
  );
  // sshd re-executes itself per connection, so it needs its absolute path.
  const child = new Deno.Command(SSHD, {
    args: ["-D", "-e", "-f", config],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const { daemon: server, outcome } = await followStart(
    child,
    (line) => line.startsWith("Server listening on"),
    START_TIMEOUT_MS,
  );
  const { lines } = server;
  if (outcome === "ready") return server;
  await killServer(server);
  const log = lines.join("\n");
  if (/Address already in use|Cannot bind any address/.test(log)) {
    throw new PortTaken(`port ${port} is taken: ${log}`);
  }
  throw new Error(
    outcome === "timeout"
      ? `sshd did not listen within ${START_TIMEOUT_MS} ms:\n${log}`
      : `sshd exited at start:\n${log}`,
  );
}

async function finish(
  dataDir: string,
  dir: string,
  keyFile: string,
  hostKey: string,
  port: number,
  server: Server,
): Promise<Sshd> {
  // Host key verification. With the openssh transport libvirt only knows no_verify=1, which
  // adds `-o StrictHostKeyChecking=no`: ssh then accepts any key AND appends it to root's
  // ~/.ssh/known_hosts (creating ~/.ssh), which a test must not touch; and the next run's new
  // host key would be a "REMOTE HOST IDENTIFICATION HAS CHANGED" mismatch. libvirt's
  // `known_hosts` URI parameter exists only for the libssh/libssh2 transports
  // (https://libvirt.org/uri.html#transport-configuration). So the URI's `command` parameter
  // (the ssh binary to run) points at a two-line wrapper that adds `-F <our ssh_config>`: our
  // known_hosts with this sshd's key, StrictHostKeyChecking yes, and nothing from ~/.ssh or
  // /etc/ssh. Every argument libvirt passes (-p, -l, -i keyfile, -T, -e none,
  // -o BatchMode=yes for no_tty=1, the remote `sh -c '... virt-ssh-helper ...'`) is unchanged.
  const knownHostsFile = `${dir}/known_hosts`;
  const hostPub = (await Deno.readTextFile(`${hostKey}.pub`)).trim().split(/\s+/);
  const hostName = port === 22 ? HOST : `[${HOST}]:${port}`;
  await Deno.writeTextFile(knownHostsFile, `${hostName} ${hostPub[0]} ${hostPub[1]}\n`);
  const sshConfig = `${dir}/ssh_config`;
  await Deno.writeTextFile(
    sshConfig,
    [
      `UserKnownHostsFile ${knownHostsFile}`,
      "GlobalKnownHostsFile /dev/null",
      "StrictHostKeyChecking yes",
      "IdentitiesOnly yes",
      "",
    ].join("\n"),
  );
  const sshCommand = `${dir}/ssh`;
  await Deno.writeTextFile(sshCommand, `#!/bin/sh\nexec ${SSH} -F ${sshConfig} "$@"\n`, {
    mode: 0o700,
  });

  // no_tty=1: BatchMode=yes, so ssh never asks for a password, passphrase or host-key "yes"
  // on the controlling terminal of whoever opens the URI (it would wait there forever).
  const authority = port === 22 ? HOST : `${HOST}:${port}`;
  const uri = `qemu+ssh://root@${authority}/system` +
    `?keyfile=${keyFile}&no_tty=1&command=${sshCommand}`;
  // libssh reads known_hosts itself (known_hosts_verify=normal: an unknown or changed key is
  // refused) and never touches ~/.ssh; sshauth=privkey: only the key file, no agent, no prompt.
  const libsshUri = `qemu+libssh://root@${authority}/system` +
    `?keyfile=${keyFile}&known_hosts=${knownHostsFile}&sshauth=privkey`;

  // Backstop for a test process that exits without close(): no sshd left listening.
  const onUnload = () => {
    try {
      server.child.kill("SIGKILL");
    } catch { /* already gone */ }
    try {
      Deno.removeSync(dataDir, { recursive: true });
    } catch { /* already gone */ }
  };
  globalThis.addEventListener("unload", onUnload);

  let stopping: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  const stop = () => stopping ??= killServer(server);
  const close = () =>
    closing ??= (async () => {
      try {
        await stop();
      } finally {
        globalThis.removeEventListener("unload", onUnload);
        await Deno.remove(dataDir, { recursive: true }).catch(() => {});
      }
    })();
  return {
    uri,
    libsshUri,
    dataDir,
    port,
    keyFile,
    knownHostsFile,
    log: () => server.lines.join("\n"),
    opensshSessions: () =>
      server.lines.filter((l) => /remote software version OpenSSH/.test(l)).length,
    stop,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Kills sshd and every session it started, as a host going down would. The listener is frozen
 * first, then each session as it is found: a frozen process forks nothing, so a connection the
 * app opens meanwhile (a reconnect, a call worker's new connection) cannot leave a session that
 * outlives the kill, serving the app on and holding sshd's stderr open, which the kill then waits
 * on (ci72: remote_ssh_test ran out its 300 s after stop()).
 */
async function killServer({ child, reader }: Server): Promise<void> {
  const frozen = new Set<number>();
  const freeze = (pid: number) => {
    try {
      Deno.kill(pid, "SIGSTOP");
      frozen.add(pid);
    } catch { /* exited meanwhile */ }
  };
  freeze(child.pid);
  // Until a reading finds no process it has not frozen: then none is left that could fork.
  let found: number[];
  do {
    found = (await descendants(child.pid)).filter((pid) => !frozen.has(pid));
    found.forEach(freeze);
  } while (found.length > 0);
  for (const pid of frozen) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch { /* exited meanwhile */ }
  }
  await child.status;
  // Every process that held sshd's stderr is gone, so its reader ends; say so if it does not.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ended = await Promise.race([
    reader.then(() => true, () => true),
    new Promise<false>((r) => timer = setTimeout(() => r(false), STOP_TIMEOUT_MS)),
  ]);
  clearTimeout(timer);
  if (!ended) {
    throw new Error(
      `a process sshd started still holds its stderr ${STOP_TIMEOUT_MS} ms after the kill`,
    );
  }
}

/** Every process below `root`, from /proc (sessions call setsid, so no process group helps). */
async function descendants(root: number): Promise<number[]> {
  const parent = new Map<number, number>();
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry.name), ppid);
    } catch { /* exited meanwhile */ }
  }
  const found: number[] = [];
  const below = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (below.has(ppid) && !below.has(pid)) {
        below.add(pid);
        found.push(pid);
        grew = true;
      }
    }
  }
  return found;
}

async function keygen(file: string, comment: string): Promise<void> {
  const out = await new Deno.Command("ssh-keygen", {
    args: ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file],
    stdin: "null",
  }).output();
  if (!out.success) {
    throw new Error(`ssh-keygen -f ${file} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

function portIsFree(port: number): boolean {
  try {
    Deno.listen({ hostname: HOST, port }).close();
    return true;
  } catch {
    return false;
  }
}
