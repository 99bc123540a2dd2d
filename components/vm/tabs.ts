// The tabs of a VM's pages: each a URL under /vms/:id, in the order the tab bar shows them.

import type { Tab } from "../kit/Tabs.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

export const VM_TABS = [
  { id: "summary", path: "", label: tKey("Summary") },
  { id: "console", path: "/console", label: tKey("Console") },
  { id: "hardware", path: "/hardware", label: tKey("Hardware") },
  { id: "snapshots", path: "/snapshots", label: tKey("Snapshots") },
  { id: "backups", path: "/backups", label: tKey("Backups") },
  { id: "firewall", path: "/firewall", label: tKey("Firewall") },
  { id: "policy", path: "/policy", label: tKey("Policy") },
  { id: "advanced", path: "/advanced", label: tKey("Advanced") },
] as const;

export type VmTab = typeof VM_TABS[number]["id"];

/** The URL of `tab` of the VM with this id. */
export function vmTabHref(id: string, tab: VmTab): string {
  const path = VM_TABS.find((x) => x.id === tab)!.path;
  return `/vms/${encodeURIComponent(id)}${path}`;
}

/** The tab bar's links for the VM with this id; Console only for who may open it. */
export function vmTabs(id: string, { console = true }: { console?: boolean } = {}): Tab[] {
  return VM_TABS.filter((tab) => console || tab.id !== "console")
    .map((tab) => ({ href: vmTabHref(id, tab.id), label: t(tab.label) }));
}
