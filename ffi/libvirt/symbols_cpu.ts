// libvirt's C functions about CPU models, part of the symbol table (symbols.ts): comparing a
// guest CPU with what a hypervisor on a host can give, and the baseline several CPUs share.
// https://libvirt.org/html/libvirt-libvirt-host.html#virConnectCompareHypervisorCPU

export const cpuSymbols = {
  // int virConnectCompareHypervisorCPU(virConnectPtr conn, const char *emulator,
  //                                    const char *arch, const char *machine,
  //                                    const char *virttype, const char *xmlCPU,
  //                                    unsigned int flags)
  virConnectCompareHypervisorCPU: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "buffer", "buffer", "u32"],
    result: "i32",
  },
  // char *virConnectBaselineHypervisorCPU(virConnectPtr conn, const char *emulator,
  //                                       const char *arch, const char *machine,
  //                                       const char *virttype, const char **xmlCPUs,
  //                                       unsigned int ncpus, unsigned int flags) — caller frees
  virConnectBaselineHypervisorCPU: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "buffer", "buffer", "u32", "u32"],
    result: "pointer",
  },
} as const;
