// What every settings panel gets from the VM page's Hardware tab (islands/vm/) that composes them.

import type { Vm } from "../../shared/vms.ts";

export interface PanelProps {
  /** The VM as last read from the API. */
  vm: Vm;
  /** False until hydrated: a form submitted before that would reload the page. */
  ready: boolean;
  /** Re-reads the VM after a change so every panel shows what libvirt now has. */
  refresh(): Promise<void>;
}

/** As the API decides live vs next boot: anything but shut off has a live guest. */
export const isRunning = (vm: Vm) => vm.state !== "stopped";
