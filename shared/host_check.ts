// `GET /api/host/check`: what the host can give a new VM, checked the way virt-host-validate does
// and one step further (a tiny guest run through /dev/kvm), for the dashboard, the wizard's review
// and the server's start-up log.

/** pass: fine; warn: works, with less (no IOMMU, no UEFI); fail: that part cannot work. */
export type HostCheckStatus = "pass" | "warn" | "fail";

export interface HostCheckItem {
  /**
   * Stable name: cpu-virt, kvm-device, kvm-run, kvm-libvirt, iommu, cgroups, uefi, network, pool,
   * daemons, firewall.
   */
  id: string;
  status: HostCheckStatus;
  /** What was checked, e.g. "Hardware virtualisation". */
  title: string;
  /** What was found, in words. */
  detail: string;
  /** What to do about a warn or fail; null on pass. */
  fix: string | null;
}

export interface HostCheck {
  /** Whether new VMs get KVM: false means software emulation (TCG), with `kvmReason` saying why. */
  kvmUsable: boolean;
  /** Why KVM is not used; null when it is. */
  kvmReason: string | null;
  /** Whether the checks of this machine's own files ran (only for a host on this machine). */
  local: boolean;
  items: HostCheckItem[];
}
