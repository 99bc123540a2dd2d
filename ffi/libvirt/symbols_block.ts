// libvirt's C functions about a running domain's block jobs, part of the symbol table
// (symbols.ts): a disk copied to a new file while the guest runs (virDomainBlockCopy), its
// progress (virDomainGetBlockJobInfo), and its end, pivoting to the copy or cancelled
// (virDomainBlockJobAbort). https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainBlockCopy

export const blockSymbols = {
  // int virDomainBlockCopy(virDomainPtr dom, const char *disk, const char *destxml,
  //                        virTypedParameterPtr params, int nparams, unsigned int flags)
  virDomainBlockCopy: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "i32", "u32"],
    result: "i32",
  },
  // int virDomainGetBlockJobInfo(virDomainPtr dom, const char *disk,
  //                              virDomainBlockJobInfoPtr info, unsigned int flags)
  // — 1 with a job, 0 without, -1 on error
  virDomainGetBlockJobInfo: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // int virDomainBlockJobAbort(virDomainPtr dom, const char *disk, unsigned int flags)
  virDomainBlockJobAbort: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;
