// The systemd service: its unit text (escaped per systemd.syntax(7)), the PAM file sign-in
// uses, and installing both with systemctl (`kvm-manager install-service`).

import { dirname, join } from "node:path";

/**
 * V8 flags the server runs with (`deno task start`, the service unit, the compiled binary, the
 * benches). A 1 MiB young generation instead of V8's default 16: 11 MiB less resident memory
 * idle and 20 MiB less under a 1,000-VM list load, for more frequent but smaller collections
 * (p99 latency within noise in that load).
 */
export const SERVER_V8_FLAGS = "--v8-flags=--max-semi-space-size=1";

/**
 * Every Deno flag the server runs with, one argument each: the V8 flags, and --unstable-net,
 * whose `reusePort` for TLS listeners lets a renewed certificate be served without freeing the
 * port (lib/tls/listener.ts).
 */
export const SERVER_DENO_FLAGS = [SERVER_V8_FLAGS, "--unstable-net"] as const;

export const SERVICE_NAME = "kvm-manager.service";
export const UNIT_PATH = "/etc/systemd/system/kvm-manager.service";

export interface UnitOptions {
  /** The command the service runs, one array entry per argument. */
  execStart: string[];
  /** Environment variables the service gets (copied from the installing shell). */
  environment?: Record<string, string>;
}

/**
 * The unit file. The hardening is modest on purpose: the server must still reach libvirtd's
 * socket, check passwords through PAM, run iptables for port forwards and write disk images
 * under the storage roots, all as root.
 */
export function serviceUnit({ execStart, environment = {} }: UnitOptions): string {
  if (execStart.length === 0) throw new Error("serviceUnit needs a command");
  const env = Object.entries(environment).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Bad variable name ${name}`);
    return `Environment=${quoteWord(`${name}=${value}`, { dollars: false })}\n`;
  }).join("");
  return `# Written by \`kvm-manager install-service\`; run it again to change the flags.
[Unit]
Description=KVM Manager: this host's virtual machines in a browser
# libvirtd before us: without its socket at start we would fall back to the demo connection.
After=network-online.target libvirtd.service libvirtd.socket
Wants=network-online.target

[Service]
Type=simple
${env}ExecStart=${execStart.map((word) => quoteWord(word, { dollars: true })).join(" ")}
Restart=on-failure
RestartSec=5
# /var/lib/kvm-manager, the default data folder when running as root.
StateDirectory=kvm-manager
StateDirectoryMode=0700
# Root is kept (libvirt, PAM's shadow check, iptables need it); new privileges are not needed.
NoNewPrivileges=yes
# /usr, /boot and /etc read-only: the server writes only its data folder, storage roots and /run.
ProtectSystem=full
# Nothing we write to /tmp is handed to libvirtd, so a private /tmp breaks nothing.
PrivateTmp=yes
# No ProtectHome: storage roots may live under /home.

[Install]
WantedBy=multi-user.target
`;
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word of a unit file command line or assignment: `%` doubled (specifiers), `$` doubled in
 * ExecStart (variable expansion), quoted with C escapes when it holds anything else.
 * https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#Command%20lines
 */
export function quoteWord(word: string, { dollars }: { dollars: boolean }): string {
  const literal = word.replaceAll("%", "%%");
  const expanded = dollars ? literal.replaceAll("$", "$$$$") : literal;
  if (SAFE_WORD.test(word)) return expanded;
  // A lone ";" would separate commands in older systemd.
  if (word === ";") return "\\;";
  let out = '"';
  for (const ch of expanded) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || ch === '"') out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** /etc/pam.d/NAME for sign-in; Debian-style includes. */
export const PAM_FILE =
  `# PAM rules for KVM Manager's sign-in (written by \`kvm-manager install-service\`).
# The same password and account checks (expired, locked) as any login on this host, through
# Debian's shared files. No session modules: signing in opens no session on the host.
@include common-auth
@include common-account
`;

export class InstallError extends Error {
  override name = "InstallError";
}

export interface InstallOptions {
  unit: string;
  /** The PAM service sign-in uses; /etc/pam.d/NAME is written when missing. */
  pamService: string;
  /** Files are written under this folder instead of "/" (tests, preparing an image). */
  root?: string;
  /** Run systemctl (and first check root and systemd); default: only when root is "/". */
  enable?: boolean;
  /** Runs `systemctl ARGS`. */
  systemctl?: (args: string[]) => Promise<{ success: boolean; output: string }>;
  /** True when systemd is the running init (sd_booted: /run/systemd/system exists). */
  systemdRunning?: () => boolean;
  isRoot?: boolean;
}

/**
 * Writes the unit (0644) and, when missing, the PAM file, then `systemctl daemon-reload` and
 * `systemctl enable --now`. Checks root and systemd before writing anything. Returns what it
 * did, one line each; throws InstallError with the user's words.
 */
export async function installService({
  unit,
  pamService,
  root = "/",
  enable = root === "/",
  systemctl = runSystemctl,
  systemdRunning = () => exists("/run/systemd/system"),
  isRoot = Deno.uid?.() === 0,
}: InstallOptions): Promise<string[]> {
  if (enable && !isRoot) {
    throw new InstallError(
      `install-service must run as root: it writes ${UNIT_PATH} and runs systemctl`,
    );
  }
  if (enable && !systemdRunning()) {
    throw new InstallError(
      "systemd is not running on this machine (no /run/systemd/system), so there is no service " +
        "to install. Use `kvm-manager install-service --print` to see the unit, or start " +
        "`kvm-manager serve` from this system's own init.",
    );
  }
  const done: string[] = [];
  const unitPath = join(root, UNIT_PATH);
  await writeAtomically(unitPath, unit, 0o644);
  done.push(`Wrote ${unitPath}`);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/.test(pamService)) {
    throw new InstallError(`Invalid PAM service name "${pamService}"`);
  }
  const pamPath = join(root, "etc/pam.d", pamService);
  if (exists(pamPath)) {
    done.push(`Kept ${pamPath}`);
  } else {
    await writeAtomically(pamPath, PAM_FILE, 0o644);
    done.push(`Wrote ${pamPath}`);
    if (!exists(join(root, "etc/pam.d/common-auth"))) {
      done.push(
        `Warning: ${join(root, "etc/pam.d/common-auth")} is missing (not Debian?): ` +
          `adapt ${pamPath} to this system's PAM files`,
      );
    }
  }
  if (!enable) {
    done.push(`Not running systemctl: files were written under ${root}`);
    return done;
  }
  for (const args of [["daemon-reload"], ["enable", "--now", SERVICE_NAME]]) {
    const { success, output } = await systemctl(args);
    if (!success) {
      throw new InstallError(`systemctl ${args.join(" ")} failed: ${output.trim()}`);
    }
    done.push(`Ran systemctl ${args.join(" ")}`);
  }
  return done;
}

async function runSystemctl(args: string[]): Promise<{ success: boolean; output: string }> {
  try {
    const out = await new Deno.Command("systemctl", { args, stdout: "piped", stderr: "piped" })
      .output();
    const text = new TextDecoder();
    return { success: out.success, output: text.decode(out.stderr) + text.decode(out.stdout) };
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new InstallError("systemctl was not found: is this a systemd system?");
    }
    throw err;
  }
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Write to a temporary file beside `path`, then rename: a crash leaves the old file or the new. */
async function writeAtomically(path: string, text: string, mode: number) {
  try {
    await Deno.mkdir(dirname(path), { recursive: true, mode: 0o755 });
    const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
    await Deno.writeTextFile(tmp, text, { mode });
    await Deno.chmod(tmp, mode); // writeTextFile's mode is reduced by the umask
    await Deno.rename(tmp, path);
  } catch (err) {
    throw new InstallError(`Cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}
