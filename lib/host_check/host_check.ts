// The host check (GET /api/host/check, the dashboard, the wizard's review, the start-up log):
// virt-host-validate's checks for QEMU/KVM — hardware virtualisation, /dev/kvm, IOMMU, cgroups —
// plus a tiny guest run through /dev/kvm (ffi/libc/kvm.ts), because a /dev/kvm that exists can
// still be unable to run a guest; and what libvirt offers: KVM, UEFI firmware, the default
// network and pool. New VMs get KVM only when every KVM check passes; otherwise software
// emulation, and the reason is shown where the user chooses.
//
// This machine's files are read only for a host on this machine (a URI with no server): a remote
// host is judged by what its libvirt says. The machine checks run once per process (they change
// with the hardware, firmware or kernel, which a restart follows); libvirt's answers every time.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { probeKvm } from "../../ffi/libc/kvm.ts";
import type { HostCapsCache, HostSummary } from "../this_host/caps.ts";
import { onThisMachine } from "../this_host/same_machine.ts";
import type { HostCheck, HostCheckItem } from "../../shared/host_check.ts";
import { t } from "../../shared/i18n/t.ts";
import { type FirewallFacts, firewallItem, readFirewallFacts } from "../firewall/backend.ts";
import { daemonsItem, readDaemons } from "../this_host/daemons.ts";

/** The probe's step when it did not finish in time; worded when shown (facts are kept). */
const TIMED_OUT = "timeout";

/** How long the /dev/kvm guest may take before it counts as unable to run. */
const PROBE_TIMEOUT_MS = 5_000;

/** What the checks of this machine read; a seam for tests of the verdicts. */
export interface MachineFacts {
  /** /proc/cpuinfo's text, or null when unreadable. */
  cpuinfo: string | null;
  /** Whether /dev/kvm exists. */
  kvmDevice: boolean;
  /** The tiny guest's result: ok, or the step it failed at. */
  kvmRun: { ok: true } | { ok: false; step: string };
  /** Entries in /sys/kernel/iommu_groups (0 when the IOMMU is off). */
  iommuGroups: number;
  /** cgroup v2's controllers (cgroup.controllers), or v1's mounted hierarchies. */
  cgroupControllers: string[];
}

async function readText(path: string): Promise<string | null> {
  return await Deno.readTextFile(path).catch(() => null);
}

async function countEntries(path: string): Promise<number> {
  let n = 0;
  try {
    for await (const _ of Deno.readDir(path)) n++;
  } catch {
    return 0;
  }
  return n;
}

/** Reads this machine's facts; the probe is bounded by PROBE_TIMEOUT_MS. */
export async function readMachineFacts(): Promise<MachineFacts> {
  const kvmDevice = await Deno.stat("/dev/kvm").then(() => true, () => false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<MachineFacts["kvmRun"]>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, step: TIMED_OUT }),
      PROBE_TIMEOUT_MS,
    );
  });
  const kvmRun = kvmDevice
    ? await Promise.race([
      probeKvm().catch((e) => ({ ok: false as const, step: String(e) })),
      timeout,
    ])
    : { ok: false as const, step: "open" };
  clearTimeout(timer);
  const v2 = await readText("/sys/fs/cgroup/cgroup.controllers");
  const cgroupControllers = v2 !== null
    ? v2.trim().split(/\s+/).filter(Boolean)
    : await (async () => {
      const names: string[] = [];
      try {
        for await (const e of Deno.readDir("/sys/fs/cgroup")) names.push(...e.name.split(","));
      } catch { /* no cgroup file system */ }
      return names;
    })();
  return {
    cpuinfo: await readText("/proc/cpuinfo"),
    kvmDevice,
    kvmRun,
    iommuGroups: await countEntries("/sys/kernel/iommu_groups"),
    cgroupControllers,
  };
}

const pass = (id: string, title: string, detail: string): HostCheckItem => ({
  id,
  status: "pass",
  title,
  detail,
  fix: null,
});

/** Pure: the machine's checks from its facts. */
export function machineItems(facts: MachineFacts): HostCheckItem[] {
  const items: HostCheckItem[] = [];
  const flags = facts.cpuinfo?.match(/^flags\s*:(.*)$/m)?.[1].split(/\s+/) ?? [];
  const virt = flags.includes("vmx")
    ? "Intel VT-x (vmx)"
    : flags.includes("svm")
    ? "AMD-V (svm)"
    : null;
  const cpuTitle = t("Hardware virtualisation");
  items.push(
    virt ? pass("cpu-virt", cpuTitle, virt) : {
      id: "cpu-virt",
      status: "fail",
      title: cpuTitle,
      detail: t("The CPU shows neither vmx (Intel VT-x) nor svm (AMD-V)."),
      fix: t(
        "Turn on virtualisation in the firmware (BIOS/UEFI) settings; in a VM, turn on nested virtualisation. Until then VMs run in software emulation, much slower.",
      ),
    },
  );
  const runTitle = t("KVM runs a guest");
  if (!facts.kvmDevice) {
    items.push({
      id: "kvm-device",
      status: "fail",
      title: t("/dev/kvm"),
      detail: t("/dev/kvm does not exist."),
      fix: t("Load the kvm_intel or kvm_amd kernel module (modprobe kvm_intel)."),
    });
  } else {
    items.push(pass("kvm-device", t("/dev/kvm"), t("present")));
    items.push(
      facts.kvmRun.ok ? pass("kvm-run", runTitle, t("a test guest ran and halted")) : {
        id: "kvm-run",
        status: "fail",
        title: runTitle,
        detail: facts.kvmRun.step === TIMED_OUT
          ? t("A test guest did not run: no answer within 5 s.")
          : t("A test guest did not run: {{step}} failed.", { step: facts.kvmRun.step }),
        fix: t(
          "Another hypervisor may hold the CPU's virtualisation (VirtualBox, VMware), or the firmware disabled it. New VMs use software emulation.",
        ),
      },
    );
  }
  const iommuTitle = t("IOMMU (device passthrough)");
  items.push(
    facts.iommuGroups > 0
      ? pass("iommu", iommuTitle, t("{{count}} IOMMU groups", { count: facts.iommuGroups }))
      : {
        id: "iommu",
        status: "warn",
        title: iommuTitle,
        detail: t("No IOMMU groups: PCI devices cannot be given to VMs."),
        fix: t(
          "Turn on VT-d / AMD-Vi in the firmware and add intel_iommu=on (Intel) to the kernel command line.",
        ),
      },
  );
  const missing = ["cpu", "memory"].filter((c) => !facts.cgroupControllers.includes(c));
  const cgroupTitle = t("cgroups (CPU and memory limits)");
  items.push(
    missing.length === 0 ? pass("cgroups", cgroupTitle, facts.cgroupControllers.join(" ")) : {
      id: "cgroups",
      status: "warn",
      title: cgroupTitle,
      detail: t("Missing controllers: {{names}}", { names: missing.join(", ") }),
      fix: t(
        "CPU shares and memory limits of VMs will not apply; enable these cgroup controllers.",
      ),
    },
  );
  return items;
}

/** What libvirt says, for the checks any host gets. */
export interface LibvirtFacts {
  /** The capabilities list a `<domain type='kvm'>`. */
  kvmOffered: boolean;
  uefiAvailable: boolean;
  /** The network and pool named "default": absent, inactive or active. */
  network: "absent" | "inactive" | "active";
  pool: "absent" | "inactive" | "active";
}

/** Pure: libvirt's checks from its facts. */
export function libvirtItems(facts: LibvirtFacts): HostCheckItem[] {
  const items: HostCheckItem[] = [];
  const kvmTitle = t("KVM in libvirt");
  items.push(
    facts.kvmOffered ? pass("kvm-libvirt", kvmTitle, t("libvirt offers KVM guests")) : {
      id: "kvm-libvirt",
      status: "fail",
      title: kvmTitle,
      detail: t("libvirt offers no KVM guests, only software emulation."),
      fix: t("Install qemu-system-x86 and make /dev/kvm usable by libvirt, then restart libvirtd."),
    },
  );
  const uefiTitle = t("UEFI firmware");
  items.push(
    facts.uefiAvailable ? pass("uefi", uefiTitle, t("available")) : {
      id: "uefi",
      status: "warn",
      title: uefiTitle,
      detail: t("No UEFI firmware: VMs boot with BIOS only; Secure Boot is not offered."),
      fix: t("Install the ovmf package."),
    },
  );
  const objectItem = (id: string, title: string, state: LibvirtFacts["network"], fix: string) =>
    state === "active" ? pass(id, title, t("active")) : {
      id,
      status: "warn" as const,
      title,
      detail: state === "absent" ? t("not defined") : t("defined but not started"),
      fix,
    };
  items.push(
    objectItem(
      "network",
      t("Network “default”"),
      facts.network,
      t("New VMs need a network: start or define “default” on the Networks page."),
    ),
    objectItem(
      "pool",
      t("Storage pool “default”"),
      facts.pool,
      t("New disks need a pool: start or add “default” on the Storage page."),
    ),
  );
  return items;
}

const stateOf = (list: { name: string; active: boolean }[], name: string) => {
  const found = list.find((x) => x.name === name);
  return !found ? "absent" : found.active ? "active" : "inactive";
};

/** The checks whose failure means new VMs get software emulation. */
const KVM_ITEMS = ["cpu-virt", "kvm-device", "kvm-run", "kvm-libvirt"];

/** The host check of one host: machine facts (local only, once) and libvirt's, each time. */
export class HostChecker {
  #machine: Promise<MachineFacts> | null = null;
  #readFacts: () => Promise<MachineFacts>;
  #readFirewall: () => Promise<FirewallFacts>;
  #readDaemons: () => Promise<string[]>;
  readonly local: boolean;

  constructor(
    private client: LibvirtClient,
    private caps: HostCapsCache,
    opts: {
      readFacts?: () => Promise<MachineFacts>;
      readFirewall?: () => Promise<FirewallFacts>;
      readDaemons?: () => Promise<string[]>;
    } = {},
  ) {
    this.local = onThisMachine(client.uri);
    this.#readFacts = opts.readFacts ?? readMachineFacts;
    this.#readFirewall = opts.readFirewall ?? (() => readFirewallFacts());
    this.#readDaemons = opts.readDaemons ?? (() => readDaemons());
  }

  /** Reads libvirt's facts and judges. */
  async check(): Promise<HostCheck> {
    // Made without a call worker (LibvirtClient.read): the start-up's log line asks
    // on a server nobody may use yet.
    const facts = await this.client.read("hostCheckFacts");
    return await this.judge(facts, facts.networks, facts.pools);
  }

  /** Judges from libvirt's facts a caller has read already (the wizard reads them anyway). */
  async judge(
    host: HostSummary & { type: string },
    networks: { name: string; active: boolean }[],
    pools: { name: string; active: boolean }[],
  ): Promise<HostCheck> {
    if (host.type === "TEST") {
      return {
        kvmUsable: false,
        kvmReason: t("the demo's test driver runs no guests"),
        local: false,
        items: [],
      };
    }
    const kvmOffered = /<domain type=['"]kvm['"]/.test(host.capabilities);
    const caps = await this.caps.get(kvmOffered ? "kvm" : "qemu", host);
    const items = libvirtItems({
      kvmOffered,
      uefiAvailable: caps.uefiAvailable,
      network: stateOf(networks, "default"),
      pool: stateOf(pools, "default"),
    });
    if (this.local) {
      this.#machine ??= this.#readFacts();
      items.unshift(...machineItems(await this.#machine));
      // Read each time: the daemons may change, and libvirt's backend follows its networks,
      // which restart.
      items.push(daemonsItem(await this.#readDaemons()), firewallItem(await this.#readFirewall()));
    }
    const kvmFailure = items.find((i) => KVM_ITEMS.includes(i.id) && i.status === "fail");
    return {
      kvmUsable: !kvmFailure,
      kvmReason: kvmFailure ? `${kvmFailure.title}: ${kvmFailure.detail}` : null,
      local: this.local,
      items,
    };
  }
}

/** The start-up log's lines: the verdict, then each check that did not pass with its fix. */
export function hostCheckLines(check: HostCheck): string[] {
  if (check.items.length === 0) return [];
  const lines = [
    check.kvmUsable
      ? "Host check: new VMs run with KVM."
      : `Host check: new VMs run in software emulation (${check.kvmReason}).`,
  ];
  for (const item of check.items) {
    if (item.status === "pass") continue;
    lines.push(
      `Host check ${item.status.toUpperCase()} ${item.title}: ${item.detail}` +
        (item.fix ? ` ${item.fix}` : ""),
    );
  }
  return lines;
}
