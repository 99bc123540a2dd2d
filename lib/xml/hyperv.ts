// A Windows guest's Hyper-V enlightenments and clock (https://libvirt.org/formatdomain.html#hypervisor-features,
// https://www.qemu.org/docs/master/system/i386/hyperv.html), as virt-install gives Windows.

type Node = Record<string, unknown>;

const on = { "@state": "on" };

/**
 * `<hyperv mode='custom'>` in QEMU's dependency order: synic needs vpindex; stimer needs synic
 * and the hypervclock timer (windowsClock); tlbflush and ipi need vpindex. reenlightenment is
 * left out: it only helps nested Hyper-V and ties migration to one TSC frequency.
 */
export function hypervFeatures(): Node {
  return {
    "@mode": "custom",
    relaxed: on,
    vapic: on,
    spinlocks: { ...on, "@retries": "8191" },
    vpindex: on,
    runtime: on,
    synic: on,
    stimer: { ...on, direct: on },
    reset: on,
    frequencies: on,
    tlbflush: on,
    ipi: on,
  };
}

/**
 * Windows keeps the RTC in local time; catch up missed RTC ticks, delay the PIT's, no HPET
 * (Windows polls it expensively), and with the enlightenments Hyper-V's reference clock, which
 * stimer needs.
 */
export function windowsClock({ hyperv }: { hyperv: boolean }): Node {
  return {
    "@offset": "localtime",
    timer: [
      { "@name": "rtc", "@tickpolicy": "catchup" },
      { "@name": "pit", "@tickpolicy": "delay" },
      { "@name": "hpet", "@present": "no" },
      ...(hyperv ? [{ "@name": "hypervclock", "@present": "yes" }] : []),
    ],
  };
}
