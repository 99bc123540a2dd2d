// When a local QEMU process started: libvirt writes each running VM's QEMU pid to
// `<run dir>/<name>.pid`, and /proc/<pid>/stat says when that process began (field 22, clock
// ticks since boot), so its age is /proc/uptime less that. Only for a libvirtd on this machine: a
// remote host's files are out of reach. This is what Proxmox VE shows as a VM's uptime.

/** Where the system libvirtd's QEMU driver keeps its pid files. */
export const SYSTEM_QEMU_RUN_DIR = "/run/libvirt/qemu";

// USER_HZ, the unit of /proc's tick counts: 100 on every Linux architecture's user ABI
// (https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html, "starttime").
const TICKS_PER_SECOND = 100;

/** The run dir of a local qemu:// URI's pid files; null for any other URI (remote, test…). */
export function qemuRunDir(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  // qemu:///system and qemu+unix:///system talk to this machine's libvirtd; a host name or
  // another transport means another machine, and a ?socket= may be another daemon.
  if (url.protocol !== "qemu:" && url.protocol !== "qemu+unix:") return null;
  if (url.hostname || url.search) return null;
  if (url.pathname === "/system") return SYSTEM_QEMU_RUN_DIR;
  if (url.pathname === "/session") {
    const runtime = Deno.env.get("XDG_RUNTIME_DIR");
    return runtime ? `${runtime}/libvirt/qemu/run` : null;
  }
  return null;
}

/** The NAME of QEMU's "guest=NAME,debug-threads=on" option ("," written ",,"); else null. */
export function guestNameOf(arg: string): string | null {
  if (!arg.startsWith("guest=")) return null;
  let name = "";
  for (let i = "guest=".length; i < arg.length; i++) {
    if (arg[i] !== ",") name += arg[i];
    else if (arg[i + 1] === ",") name += arg[i++];
    else break;
  }
  return name;
}

/**
 * Seconds since boot, on the clock /proc/<pid>/stat's start times count on (/proc/uptime); null
 * where unreadable. Why not /proc/stat's btime: it is whole seconds, and the wall clock drifts from
 * the boot clock (0.4 s after 7 hours on CI's machine), which put a start 1.5 s off.
 */
function uptimeSeconds(): Promise<number | null> {
  return Deno.readTextFile("/proc/uptime").then(
    (text) => Number(text.split(" ")[0]) || null,
    () => null,
  );
}

/**
 * When the QEMU process of the VM `name` started (Unix ms), read from its pid file and /proc;
 * null when the VM has no pid file there, or the pid is not that VM's QEMU (a stale file).
 */
export async function qemuStartedAt(runDir: string, name: string): Promise<number | null> {
  // A name is one path element: libvirt's QEMU driver refuses "/" in names.
  if (!name || name.includes("/") || name.startsWith(".")) return null;
  try {
    const pid = Number((await Deno.readTextFile(`${runDir}/${name}.pid`)).trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    // QEMU runs with "-name guest=NAME,…" (a comma in the name doubled): proves the pid's owner.
    const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
    if (!cmdline.split("\0").some((arg) => guestNameOf(arg) === name)) return null;
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // The command in parentheses may hold spaces: fields are counted after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]); // field 22 of the whole line
    const uptime = await uptimeSeconds();
    if (!uptime || !Number.isFinite(ticks)) return null;
    return Math.round(Date.now() - (uptime - ticks / TICKS_PER_SECOND) * 1000);
  } catch {
    return null; // not running, not ours to read, or gone meanwhile
  }
}
