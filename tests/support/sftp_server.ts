// A real OpenSSH SFTP server on loopback for the restic tests: a throwaway host account (made
// with the passwd tools, removed afterwards) whose home folder takes the repository, key-only
// sign-in with a fresh client key, internal-sftp, and a known_hosts file holding the server's
// key. Nothing in /etc/ssh or root's ~/.ssh is read or written. Needs root and openssh-server.

import { accountName, runPasswdTool } from "./host_account.ts";
import { freePort } from "../harness/free_port.ts";

export interface SftpServer {
  user: string;
  port: number;
  /** The account's home folder (owned by it): repositories go below it. */
  home: string;
  keyFile: string;
  knownHostsFile: string;
  log(): string;
  close(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";

async function keygen(file: string): Promise<void> {
  const out = await new Deno.Command("ssh-keygen", {
    args: ["-q", "-t", "ed25519", "-N", "", "-C", "kvmm-test-restic", "-f", file],
    stdin: "null",
  }).output();
  if (!out.success) throw new Error(`ssh-keygen failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** Starts the account and sshd; close() removes both, whatever happened. */
export async function startSftpServer(): Promise<SftpServer> {
  if (Deno.uid() !== 0) throw new Error("the SFTP test server needs root (useradd, sshd)");
  await Deno.stat(SSHD).catch(() => {
    throw new Error(`${SSHD} is missing: run scripts/install-test-deps.sh (openssh-server)`);
  });
  await Deno.mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const user = accountName("kvmmrs");
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-sshd-" });
  const home = await Deno.makeTempDir({ prefix: "kvmm-test-rs-home-" });
  let child: Deno.ChildProcess | null = null;
  const lines: string[] = [];
  let made = false;
  const close = async () => {
    if (child) {
      try {
        child.kill("SIGKILL");
      } catch { /* exited */ }
      await child.status;
      child = null;
    }
    // Sessions sshd forked for the account end with it; userdel -f removes it regardless.
    if (made) await runPasswdTool("userdel", ["-f", user]).catch(() => {});
    made = false;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.remove(home, { recursive: true }).catch(() => {});
  };
  try {
    await Deno.chmod(dir, 0o700);
    await runPasswdTool("useradd", ["-M", "-d", home, "-s", "/bin/sh", user]);
    made = true;
    // A password set unlocks the account (sshd without PAM refuses a locked one); never used.
    await runPasswdTool("chpasswd", [], `${user}:pw-${crypto.randomUUID()}\n`);
    const keyFile = `${dir}/client_key`;
    const hostKey = `${dir}/host_key`;
    await keygen(keyFile);
    await keygen(hostKey);
    const authorized = `${home}/authorized_keys`;
    await Deno.writeTextFile(authorized, await Deno.readTextFile(`${keyFile}.pub`));
    await new Deno.Command("chown", { args: ["-R", `${user}:`, home] }).output();
    const port = freePort();
    const config = `${dir}/sshd_config`;
    await Deno.writeTextFile(
      config,
      [
        "ListenAddress 127.0.0.1",
        `Port ${port}`,
        `HostKey ${hostKey}`,
        `PidFile ${dir}/sshd.pid`,
        `AuthorizedKeysFile ${authorized}`,
        `AllowUsers ${user}`,
        "PermitRootLogin no",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PrintMotd no",
        "Subsystem sftp internal-sftp",
        "",
      ].join("\n"),
    );
    child = new Deno.Command(SSHD, {
      args: ["-D", "-e", "-f", config],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    let listening!: () => void;
    const ready = new Promise<void>((r) => listening = r);
    (async () => {
      for await (const chunk of child!.stderr.pipeThrough(new TextDecoderStream())) {
        for (const line of chunk.split("\n")) {
          if (line) lines.push(line);
          if (line.startsWith("Server listening on")) listening();
        }
      }
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      ready.then(() => "ready"),
      child.status.then(() => "exited"),
      new Promise((r) => timer = setTimeout(() => r("timeout"), 10_000)),
    ]);
    clearTimeout(timer);
    if (outcome !== "ready") throw new Error(`sshd ${outcome}:\n${lines.join("\n")}`);
    const pub = (await Deno.readTextFile(`${hostKey}.pub`)).trim().split(/\s+/);
    const knownHostsFile = `${dir}/known_hosts`;
    await Deno.writeTextFile(knownHostsFile, `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}\n`);
    return { user, port, home, keyFile, knownHostsFile, log: () => lines.join("\n"), close };
  } catch (err) {
    await close();
    throw err;
  }
}
