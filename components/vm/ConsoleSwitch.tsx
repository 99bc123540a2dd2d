// The Console tab's switch between the graphical (VNC) and the serial console, both its pages.

import type { Vm } from "../../shared/vms.ts";
import { Tabs } from "../kit/Tabs.tsx";

export function ConsoleSwitch({ vm, current }: { vm: Vm; current: "vnc" | "serial" }) {
  const base = `/vms/${encodeURIComponent(vm.id)}`;
  const tabs = [
    { href: `${base}/console`, label: "Graphical console" },
    { href: `${base}/serial`, label: "Serial console" },
  ];
  return (
    <Tabs
      label="Console type"
      tabs={tabs}
      current={tabs[current === "vnc" ? 0 : 1].href}
      variant="sub"
    />
  );
}
