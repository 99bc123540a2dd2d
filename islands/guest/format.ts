// Words and numbers of the Guest card: agent status, address sources, usage, command results,
// and the command form's argument splitting.

import type {
  AddressSource,
  ExecOutput,
  GuestAgentState,
  GuestFilesystem,
  GuestOs,
} from "../../shared/guest.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { formatNumber } from "../../shared/i18n/format.ts";

/** The status badge: which agents answer now. */
export function agentBadge(agent: GuestAgentState): { label: string; class: string } {
  const ours = agent.kvmm.version
    ? t("KVM Manager agent v{{version}}", { version: agent.kvmm.version })
    : t("KVM Manager agent");
  switch (agent.status) {
    case "both":
      return { label: t("Both"), class: "badge badge-running" };
    case "kvmm":
      return { label: ours, class: "badge badge-running" };
    case "qemu":
      return { label: t("QEMU agent"), class: "badge badge-suspended" };
    default:
      return {
        label: t("None", { context: "agent" }),
        class: "badge badge-stopped",
      };
  }
}

/** One agent's line: whether the VM has its channel and whether it answers. */
export function channelLabel(
  channel: { configured: boolean; connected: boolean },
  version: string | null = null,
): string {
  if (!channel.configured) return t("No channel");
  if (!channel.connected) return t("Not answering");
  return version ? t("Connected, v{{version}}", { version }) : t("Connected");
}

/** Where the addresses came from (keys: shown through t()). */
export const ADDRESS_SOURCES: Record<AddressSource, string> = {
  "qemu-agent": tKey("QEMU agent"),
  "kvmm-agent": tKey("KVM Manager agent"),
  "dhcp-lease": tKey("DHCP lease"),
};

/** "Debian GNU/Linux 12 (bookworm)", else name and version, else the id; null when unknown. */
export function osLabel(os: GuestOs | null): string | null {
  if (!os) return null;
  return os.prettyName || [os.name, os.version].filter(Boolean).join(" ") || os.id;
}

/** "6.1.0-18-amd64 (x86_64)"; null when unknown. */
export function kernelLabel(os: GuestOs | null): string | null {
  if (!os?.kernelRelease) return null;
  return os.machine ? `${os.kernelRelease} (${os.machine})` : os.kernelRelease;
}

/** 0–100, or null when the guest did not say both the size and the use. */
export function usedPercent(fs: GuestFilesystem): number | null {
  if (fs.totalBytes === null || fs.usedBytes === null || fs.totalBytes <= 0) return null;
  return Math.min(100, Math.round(fs.usedBytes / fs.totalBytes * 100));
}

/**
 * The arguments field as the API's `args`: split on runs of whitespace. There is no quoting, so
 * an argument cannot hold a space (the agent runs no shell either).
 */
export function splitArgs(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * The optional timeout field (seconds) as `timeoutMs`: undefined when empty, null when it is
 * not a positive number.
 */
export function timeoutMsOf(text: string): number | undefined | null {
  const t = text.trim();
  if (!t) return undefined;
  const seconds = Number(t);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.max(1, Math.round(seconds * 1000));
}

/** "850 ms", "1.5 s" ("1,5 s" in German), "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    return `${formatNumber(Math.round(ms / 100) / 10, { maximumFractionDigits: 1 })} s`;
  }
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** How the command ended: "Exit code 0" or "Killed by signal SIGKILL". */
export function exitLabel(out: Pick<ExecOutput, "exitCode" | "signal">): string {
  if (out.signal) return t("Killed by signal {{signal}}", { signal: out.signal });
  return out.exitCode === null
    ? t("Exit code unknown")
    : t("Exit code {{code}}", { code: out.exitCode });
}

/**
 * The output a failed command left (COMMAND_TIMEOUT, OUTPUT_LIMIT), from the API's error
 * body: under `details`, or beside `code` and `message`. Null when there is none.
 */
export function partialOutput(
  body: Record<string, unknown>,
): { stdout: string; stderr: string } | null {
  const details = body.details && typeof body.details === "object"
    ? body.details as Record<string, unknown>
    : body;
  const { stdout, stderr } = details;
  if (typeof stdout !== "string" && typeof stderr !== "string") return null;
  return {
    stdout: typeof stdout === "string" ? stdout : "",
    stderr: typeof stderr === "string" ? stderr : "",
  };
}

/** A download's file name: the Content-Disposition's, else the path's last part. */
export function downloadName(contentDisposition: string | null, path: string): string {
  const m = contentDisposition?.match(/filename="([^"]+)"/);
  return m?.[1] || path.split("/").filter(Boolean).pop() || "download";
}

/** Where an upload goes: the typed path, or the file's name inside a typed directory. */
export function uploadTarget(path: string, fileName: string): string {
  const p = path.trim();
  return p.endsWith("/") ? `${p}${fileName}` : p;
}

/** "in step", "2.1 s ahead", "3 min behind". */
export function offsetText(ms: number): string {
  const seconds = Math.abs(ms) / 1000;
  if (seconds < 1) return t("in step with the host");
  const amount = seconds < 120
    ? t("{{n}} s", { n: formatNumber(Math.round(seconds * 10) / 10) })
    : t("{{n}} min", { n: formatNumber(Math.round(seconds / 60)) });
  return ms > 0 ? t("{{amount}} ahead of the host", { amount }) : t("{{amount}} behind the host", {
    amount,
  });
}
