// The tabs of a VM's pages: each a URL under /vms/:id, in the order the tab bar shows them.

import type { Tab } from "../kit/Tabs.tsx";

export const VM_TABS = [
  { id: "summary", path: "", label: "Summary" },
  { id: "console", path: "/console", label: "Console" },
  { id: "hardware", path: "/hardware", label: "Hardware" },
  { id: "snapshots", path: "/snapshots", label: "Snapshots" },
  { id: "backups", path: "/backups", label: "Backups" },
  { id: "policy", path: "/policy", label: "Policy" },
  { id: "advanced", path: "/advanced", label: "Advanced" },
] as const;

export type VmTab = typeof VM_TABS[number]["id"];

/** The URL of `tab` of the VM with this id. */
export function vmTabHref(id: string, tab: VmTab): string {
  const path = VM_TABS.find((t) => t.id === tab)!.path;
  return `/vms/${encodeURIComponent(id)}${path}`;
}

/** The tab bar's links for the VM with this id. */
export function vmTabs(id: string): Tab[] {
  return VM_TABS.map((t) => ({ href: vmTabHref(id, t.id), label: t.label }));
}
