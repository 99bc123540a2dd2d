// The Console tab's switch between the graphical (VNC) and the serial console, both its pages.

import type { Vm } from "../../shared/vms.ts";
import { Tabs } from "../kit/Tabs.tsx";
import { t } from "../../shared/i18n/t.ts";

export function ConsoleSwitch({ vm, current }: { vm: Vm; current: "vnc" | "serial" }) {
  const base = `/vms/${encodeURIComponent(vm.id)}`;
  const tabs = [
    { href: `${base}/console`, label: t("Graphical console") },
    { href: `${base}/serial`, label: t("Serial console") },
  ];
  return (
    <Tabs
      label={t("Console type")}
      tabs={tabs}
      current={tabs[current === "vnc" ? 0 : 1].href}
      variant="sub"
    />
  );
}
