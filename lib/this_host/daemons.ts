// Which libvirt daemons run on this machine, for the host check: the one libvirtd (Debian 12),
// or libvirt's modular daemons (virtqemud for VMs, virtnetworkd, virtstoraged and the others for
// the rest; Fedora, RHEL 9 and 10, and Debian once it follows upstream). Read from the running
// processes' names, since virtproxyd answers on libvirtd's old socket too.

import type { HostCheckItem } from "../../shared/host_check.ts";
import { t } from "../../shared/i18n/t.ts";

/** The daemons looked for, in the order they are named. */
export const LIBVIRT_DAEMONS = [
  "libvirtd",
  "virtqemud",
  "virtnetworkd",
  "virtstoraged",
  "virtnwfilterd",
  "virtnodedevd",
  "virtsecretd",
  "virtinterfaced",
  "virtproxyd",
] as const;

/** The libvirt daemons among this machine's processes (their `comm`), once each, in order. */
export async function readDaemons(proc = "/proc"): Promise<string[]> {
  const found = new Set<string>();
  for await (const entry of Deno.readDir(proc)) {
    if (!/^\d+$/.test(entry.name)) continue;
    const comm = await Deno.readTextFile(`${proc}/${entry.name}/comm`).catch(() => "");
    found.add(comm.trim());
  }
  return LIBVIRT_DAEMONS.filter((d) => found.has(d));
}

/** The host check's item: which daemons run, and what is missing when they are modular. */
export function daemonsItem(running: string[]): HostCheckItem {
  const title = t("libvirt daemons");
  if (running.includes("libvirtd")) {
    return {
      id: "daemons",
      status: "pass",
      title,
      detail: t("libvirtd (one daemon for everything)"),
      fix: null,
    };
  }
  if (running.includes("virtqemud")) {
    const missing = [
      ["virtnetworkd", t("networks")],
      ["virtstoraged", t("storage pools")],
    ].filter(([d]) => !running.includes(d));
    return {
      id: "daemons",
      status: missing.length ? "warn" : "pass",
      title,
      detail: missing.length
        ? t("modular: {{daemons}}; without {{missing}}, {{what}} cannot be used.", {
          daemons: running.join(", "),
          missing: missing.map(([d]) => d).join(", "),
          what: missing.map(([, what]) => what).join(", "),
        })
        : t("modular: {{daemons}}", { daemons: running.join(", ") }),
      fix: missing.length
        ? t("Start {{missing}} (systemctl enable --now {{sockets}}).", {
          missing: missing.map(([d]) => d).join(", "),
          sockets: missing.map(([d]) => `${d}.socket`).join(" "),
        })
        : null,
    };
  }
  return {
    id: "daemons",
    status: "warn",
    title,
    detail: t("Neither libvirtd nor virtqemud runs on this machine."),
    fix: t("Install libvirt-daemon-system and start libvirtd (or virtqemud)."),
  };
}
