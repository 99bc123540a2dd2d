// The libvirt C symbol table: the only list of C functions KVM Manager calls.
// Each entry carries its C declaration; see https://libvirt.org/html/libvirt-libvirt-host.html

export const libvirtSymbols = {
  // int virInitialize(void)
  virInitialize: { parameters: [], result: "i32" },
  // void virSetErrorFunc(void *userData, virErrorFunc handler)
  virSetErrorFunc: { parameters: ["pointer", "function"], result: "void" },
  // virErrorPtr virGetLastError(void)
  virGetLastError: { parameters: [], result: "pointer" },
  // void virResetLastError(void)
  virResetLastError: { parameters: [], result: "void" },

  // int virEventRegisterDefaultImpl(void)
  virEventRegisterDefaultImpl: { parameters: [], result: "i32" },
  // int virEventRunDefaultImpl(void) — waits for the next event, so it runs off the JS thread
  virEventRunDefaultImpl: { parameters: [], result: "i32", nonblocking: true },

  // virConnectPtr virConnectOpen(const char *name)
  virConnectOpen: { parameters: ["buffer"], result: "pointer" },
  // int virConnectClose(virConnectPtr conn)
  virConnectClose: { parameters: ["pointer"], result: "i32" },
  // int virConnectIsAlive(virConnectPtr conn)
  virConnectIsAlive: { parameters: ["pointer"], result: "i32" },
  // int virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
  virConnectSetKeepAlive: { parameters: ["pointer", "i32", "u32"], result: "i32" },
  // int virConnectRegisterCloseCallback(virConnectPtr, virConnectCloseFunc cb, void *opaque,
  //                                     virFreeCallback freecb)
  virConnectRegisterCloseCallback: {
    parameters: ["pointer", "function", "pointer", "pointer"],
    result: "i32",
  },
  // int virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
  virConnectUnregisterCloseCallback: { parameters: ["pointer", "function"], result: "i32" },
  // char *virConnectGetURI(virConnectPtr conn) — caller frees
  virConnectGetURI: { parameters: ["pointer"], result: "pointer" },
  // char *virConnectGetHostname(virConnectPtr conn) — caller frees
  virConnectGetHostname: { parameters: ["pointer"], result: "pointer" },
  // const char *virConnectGetType(virConnectPtr conn) — static, not freed
  virConnectGetType: { parameters: ["pointer"], result: "pointer" },
  // int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
  virConnectGetLibVersion: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
  virConnectGetVersion: { parameters: ["pointer", "buffer"], result: "i32" },
  // char *virConnectGetCapabilities(virConnectPtr conn) — caller frees
  virConnectGetCapabilities: { parameters: ["pointer"], result: "pointer" },
  // int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
  virNodeGetInfo: { parameters: ["pointer", "buffer"], result: "i32" },
  // unsigned long long virNodeGetFreeMemory(virConnectPtr conn)
  virNodeGetFreeMemory: { parameters: ["pointer"], result: "u64" },

  // int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
  virConnectListAllDomains: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
  //                                 virDomainStatsRecordPtr **retStats, unsigned int flags)
  virConnectGetAllDomainStats: { parameters: ["pointer", "u32", "buffer", "u32"], result: "i32" },
  // int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
  //                           virDomainStatsRecordPtr **retStats, unsigned int flags)
  virDomainListGetStats: { parameters: ["buffer", "u32", "buffer", "u32"], result: "i32" },
  // void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
  virDomainStatsRecordListFree: { parameters: ["pointer"], result: "void" },

  // virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
  virDomainLookupByUUIDString: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name)
  virDomainLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // int virDomainFree(virDomainPtr domain)
  virDomainFree: { parameters: ["pointer"], result: "i32" },
  // const char *virDomainGetName(virDomainPtr domain) — owned by the domain object
  virDomainGetName: { parameters: ["pointer"], result: "pointer" },
  // int virDomainGetUUIDString(virDomainPtr domain, char *buf /* VIR_UUID_STRING_BUFLEN */)
  virDomainGetUUIDString: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
  virDomainGetInfo: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
  virDomainGetState: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags) — caller frees
  virDomainGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virDomainGetAutostart(virDomainPtr domain, int *autostart)
  virDomainGetAutostart: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virDomainIsPersistent(virDomainPtr domain)
  virDomainIsPersistent: { parameters: ["pointer"], result: "i32" },
  // int virDomainGetBlockInfo(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
  //                           unsigned int flags)
  virDomainGetBlockInfo: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // int virDomainCreate(virDomainPtr domain)
  virDomainCreate: { parameters: ["pointer"], result: "i32" },
  // int virDomainShutdown(virDomainPtr domain)
  virDomainShutdown: { parameters: ["pointer"], result: "i32" },
  // int virDomainDestroy(virDomainPtr domain)
  virDomainDestroy: { parameters: ["pointer"], result: "i32" },
  // int virDomainSuspend(virDomainPtr domain)
  virDomainSuspend: { parameters: ["pointer"], result: "i32" },
  // int virDomainResume(virDomainPtr domain)
  virDomainResume: { parameters: ["pointer"], result: "i32" },
  // int virDomainReboot(virDomainPtr domain, unsigned int flags)
  virDomainReboot: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainReset(virDomainPtr domain, unsigned int flags)
  virDomainReset: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
  virDomainUndefineFlags: { parameters: ["pointer", "u32"], result: "i32" },

  // int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
  //     virConnectDomainEventGenericCallback cb, void *opaque, virFreeCallback freecb)
  virConnectDomainEventRegisterAny: {
    parameters: ["pointer", "pointer", "i32", "function", "pointer", "pointer"],
    result: "i32",
  },
  // int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
  virConnectDomainEventDeregisterAny: { parameters: ["pointer", "i32"], result: "i32" },

  // virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn, const char *path)
  virStorageVolLookupByPath: { parameters: ["pointer", "buffer"], result: "pointer" },
  // int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
  virStorageVolGetInfo: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
  virStorageVolDelete: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStorageVolFree(virStorageVolPtr vol)
  virStorageVolFree: { parameters: ["pointer"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

export const libcSymbols = {
  // void free(void *ptr) — libvirt allocates returned strings with malloc
  free: { parameters: ["pointer"], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;
