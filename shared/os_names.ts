// Friendly names for osinfo's short ids ("debian10" → "Debian 10"), for screens that have only
// the id: the full catalogue (lib/vms/osinfo.ts) is read from the host's osinfo-db and is too big
// to send to every page, so the families people run are named here, in the catalogue's words,
// with the version taken from the id. An id this does not know is shown as it is. Names are
// proper names and stay as they are; only the generic ones ("Generic Linux") are translated.

import { t, tKey } from "./i18n/t.ts";
import type { OsType } from "./vms.ts";

// [id prefix, family name]; the rest of the id is the version. Longer prefixes first.
const FAMILIES: [string, string][] = [
  ["centos-stream", "CentOS Stream"],
  ["centos", "CentOS"],
  ["debian", "Debian"],
  ["ubuntu", "Ubuntu"],
  ["fedora", "Fedora"],
  ["silverblue", "Fedora Silverblue"],
  ["rhel", "Red Hat Enterprise Linux"],
  ["almalinux", "AlmaLinux"],
  ["rocky", "Rocky Linux"],
  ["ol", "Oracle Linux"],
  ["opensusetumbleweed", "openSUSE Tumbleweed"],
  ["opensuse", "openSUSE"],
  ["sles", "SUSE Linux Enterprise Server"],
  ["sled", "SUSE Linux Enterprise Desktop"],
  ["alpinelinux", "Alpine Linux"],
  ["archlinux", "Arch Linux"],
  ["gentoo", "Gentoo Linux"],
  ["manjaro", "Manjaro"],
  ["voidlinux", "Void Linux"],
  ["slackware", "Slackware"],
  ["mageia", "Mageia"],
  ["popos", "Pop!_OS"],
  ["nixos-", "NixOS"],
  ["cirros", "CirrOS"],
  ["eos", "Endless OS"],
  ["freebsd", "FreeBSD"],
  ["openbsd", "OpenBSD"],
  ["netbsd", "NetBSD"],
  ["dragonflybsd", "DragonFlyBSD"],
  ["linux", tKey("Generic Linux")],
];

const WINDOWS: Record<string, string> = {
  win11: "Microsoft Windows 11",
  win10: "Microsoft Windows 10",
  "win8.1": "Microsoft Windows 8.1",
  win8: "Microsoft Windows 8",
  win7: "Microsoft Windows 7",
  winvista: "Microsoft Windows Vista",
  winxp: "Microsoft Windows XP",
  win2k25: "Microsoft Windows Server 2025",
  win2k22: "Microsoft Windows Server 2022",
  win2k19: "Microsoft Windows Server 2019",
  win2k16: "Microsoft Windows Server 2016",
  win2k12r2: "Microsoft Windows Server 2012 R2",
  win2k12: "Microsoft Windows Server 2012",
  win2k8r2: "Microsoft Windows Server 2008 R2",
  win2k8: "Microsoft Windows Server 2008",
  "generic-windows": tKey("Generic Windows"),
  "generic-linux": tKey("Generic Linux"),
  generic: tKey("Generic OS"),
};

// The names above that are words, not proper names: said in the current language.
const GENERIC = new Set(["Generic Linux", "Generic Windows", "Generic OS"]);
const said = (name: string) => GENERIC.has(name) ? t(name) : name;

/** The OS types by the words the wizard's OS type picker uses (keys: see osTypeName). */
export const OS_TYPE_NAMES: Record<OsType, string> = {
  linux: "Linux",
  windows: "Windows",
  other: tKey("Other OS"),
};

/** An OS type's name in the current language ("Linux", "Other OS"). */
export function osTypeName(type: OsType): string {
  return type === "other" ? t(OS_TYPE_NAMES.other) : OS_TYPE_NAMES[type];
}

/** The name of an osinfo short id, or null when it is not one this knows. */
export function osName(id: string): string | null {
  if (WINDOWS[id]) return said(WINDOWS[id]);
  const family = FAMILIES.find(([prefix]) => id.startsWith(prefix));
  if (!family) return null;
  let version = id.slice(family[0].length).replace(/^-?unknown$/, "");
  // sles15sp5 → 15 SP5; "6-unknown" is "the latest 6".
  version = version.replace(/sp(\d+)$/, " SP$1").replace(/-unknown$/, "");
  if (version !== "" && !/^[0-9]/.test(version)) return null;
  // Ubuntu's even-year April releases are its long-term ones, as the catalogue names them.
  const lts = family[0] === "ubuntu" && /^\d*[02468]\.04$/.test(version) ? " LTS" : "";
  const leap = family[0] === "opensuse" && /^(15|42)\./.test(version) ? " Leap" : "";
  // Fedora is "Fedora Linux" from 35 on.
  const linux = family[0] === "fedora" && Number(version) >= 35 ? " Linux" : "";
  return `${said(family[1])}${linux}${leap}${version ? ` ${version}` : ""}${lts}`;
}

/**
 * What a screen shows for a VM's or template's OS: the friendly name, and the id as a hint
 * when it says more than the name (null when the name is all there is).
 */
export function osLabel(
  { osVariant, osType }: { osVariant?: string | null; osType?: string | null },
): { name: string; hint: string | null } {
  if (osVariant) {
    const name = osName(osVariant);
    return name ? { name, hint: osVariant } : { name: osVariant, hint: null };
  }
  const type = osType && OS_TYPE_NAMES[osType as OsType] && osTypeName(osType as OsType);
  return { name: type || osType || "—", hint: null };
}
