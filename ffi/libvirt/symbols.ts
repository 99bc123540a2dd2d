// The libvirt C symbol table: the only list of C functions KVM Manager calls (with the host's
// own in symbols_host.ts, a domain's screen and keyboard in symbols_display.ts, its block jobs
// in symbols_block.ts, CPU models in symbols_cpu.ts, and the calls made from the JS thread off it
// in symbols_off_thread.ts).
// Each entry carries its C declaration; see https://libvirt.org/html/libvirt-libvirt-host.html

import { blockSymbols } from "./symbols_block.ts";
import { cpuSymbols } from "./symbols_cpu.ts";
import { displaySymbols } from "./symbols_display.ts";
import { hostSymbols } from "./symbols_host.ts";
import { offThreadSymbols } from "./symbols_off_thread.ts";

export const libvirtSymbols = {
  ...hostSymbols,
  ...displaySymbols,
  ...blockSymbols,
  ...offThreadSymbols,
  ...cpuSymbols,
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
  // int virEventAddTimeout(int timeout, virEventTimeoutCallback cb, void *opaque,
  //                        virFreeCallback ff)
  virEventAddTimeout: { parameters: ["i32", "function", "pointer", "pointer"], result: "i32" },
  // int virEventRemoveTimeout(int timer)
  virEventRemoveTimeout: { parameters: ["i32"], result: "i32" },

  // The events connection lives on the main thread (event_connection.ts): its calls that may
  // wait on libvirtd run off the JS thread ("Async"), and its errors are read from the
  // connection, not the thread. The event (de)registrations below are marked the same way.
  // virConnectPtr virConnectOpen(const char *name)
  virConnectOpenAsync: {
    name: "virConnectOpen",
    parameters: ["buffer"],
    result: "pointer",
    nonblocking: true,
  },
  // int virConnectClose(virConnectPtr conn)
  virConnectCloseAsync: {
    name: "virConnectClose",
    parameters: ["pointer"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
  virConnCopyLastError: { parameters: ["pointer", "buffer"], result: "i32" },
  // void virConnResetLastError(virConnectPtr conn)
  virConnResetLastError: { parameters: ["pointer"], result: "void" },
  // void virResetError(virErrorPtr err) — frees the strings a copied error holds
  virResetError: { parameters: ["buffer"], result: "void" },

  // virConnectPtr virConnectOpen(const char *name)
  virConnectOpen: { parameters: ["buffer"], result: "pointer" },
  // int virConnectClose(virConnectPtr conn)
  virConnectClose: { parameters: ["pointer"], result: "i32" },
  // int virConnectRef(virConnectPtr conn) — one more reference, dropped by virConnectClose
  virConnectRef: { parameters: ["pointer"], result: "i32" },
  // int virConnectIsAlive(virConnectPtr conn)
  virConnectIsAlive: { parameters: ["pointer"], result: "i32" },
  // int virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
  virConnectSetKeepAlive: { parameters: ["pointer", "i32", "u32"], result: "i32" },
  // int virConnectRegisterCloseCallback(virConnectPtr, virConnectCloseFunc cb, void *opaque,
  //                                     virFreeCallback freecb)
  // Off the JS thread: on a remote connection it is a call to libvirtd, which may not answer.
  virConnectRegisterCloseCallback: {
    parameters: ["pointer", "function", "pointer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
  // Off the JS thread: libvirt holds the lock it needs while it dispatches the close callback,
  // which waits for the JS thread.
  virConnectUnregisterCloseCallback: {
    parameters: ["pointer", "function"],
    result: "i32",
    nonblocking: true,
  },
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
  // int virNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
  //                        int *nparams, unsigned int flags)
  virNodeGetCPUStats: { parameters: ["pointer", "i32", "buffer", "buffer", "u32"], result: "i32" },
  // int virNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
  //                           int *nparams, unsigned int flags)
  virNodeGetMemoryStats: {
    parameters: ["pointer", "i32", "buffer", "buffer", "u32"],
    result: "i32",
  },

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
  // int virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
  //                             unsigned int flags)
  virDomainGetControlInfo: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
  virDomainGetState: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // int virDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors,
  //                            unsigned int maxerrors, unsigned int flags)
  virDomainGetDiskErrors: { parameters: ["pointer", "buffer", "u32", "u32"], result: "i32" },
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
  // int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
  virDomainShutdownFlags: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
  //                                 unsigned int source, unsigned int flags)
  virDomainInterfaceAddresses: { parameters: ["pointer", "buffer", "u32", "u32"], result: "i32" },
  // void virDomainInterfaceFree(virDomainInterfacePtr iface)
  virDomainInterfaceFree: { parameters: ["pointer"], result: "void" },
  // int virDomainGetGuestInfo(virDomainPtr domain, unsigned int types,
  //                           virTypedParameterPtr *params, int *nparams, unsigned int flags)
  virDomainGetGuestInfo: {
    parameters: ["pointer", "u32", "buffer", "buffer", "u32"],
    result: "i32",
  },
  // int virDomainGetTime(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
  //                      unsigned int flags)
  virDomainGetTime: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // int virDomainSetTime(virDomainPtr dom, long long seconds, unsigned int nseconds,
  //                      unsigned int flags)
  virDomainSetTime: { parameters: ["pointer", "i64", "u32", "u32"], result: "i32" },
  // char *virDomainGetHostname(virDomainPtr domain, unsigned int flags) — caller frees
  virDomainGetHostname: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virDomainFSFreeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
  //                       unsigned int flags)
  virDomainFSFreeze: { parameters: ["pointer", "pointer", "u32", "u32"], result: "i32" },
  // int virDomainFSThaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
  //                     unsigned int flags)
  virDomainFSThaw: { parameters: ["pointer", "pointer", "u32", "u32"], result: "i32" },
  // int virDomainReset(virDomainPtr domain, unsigned int flags)
  virDomainReset: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
  virDomainUndefineFlags: { parameters: ["pointer", "u32"], result: "i32" },

  // virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
  virDomainDefineXMLFlags: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // int virDomainIsActive(virDomainPtr dom)
  virDomainIsActive: { parameters: ["pointer"], result: "i32" },
  // int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
  virDomainSetVcpusFlags: { parameters: ["pointer", "u32", "u32"], result: "i32" },
  // int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
  virDomainSetMemoryFlags: { parameters: ["pointer", "u64", "u32"], result: "i32" },
  // int virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
  //                          const char *key, const char *uri, unsigned int flags)
  virDomainSetMetadata: {
    parameters: ["pointer", "i32", "buffer", "buffer", "buffer", "u32"],
    result: "i32",
  },
  // int virDomainSetAutostart(virDomainPtr domain, int autostart)
  virDomainSetAutostart: { parameters: ["pointer", "i32"], result: "i32" },
  // int virDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags)
  virDomainRename: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
  virDomainAttachDeviceFlags: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
  virDomainDetachDeviceFlags: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
  virDomainUpdateDeviceFlags: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virDomainBlockResize(virDomainPtr dom, const char *disk, unsigned long long size,
  //                          unsigned int flags)
  virDomainBlockResize: { parameters: ["pointer", "buffer", "u64", "u32"], result: "i32" },
  // virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
  //                                                 unsigned int flags)
  virDomainSnapshotCreateXML: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // int virDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
  //                               unsigned int flags)
  virDomainListAllSnapshots: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
  //                                                    unsigned int flags)
  virDomainSnapshotLookupByName: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // const char *virDomainSnapshotGetName(virDomainSnapshotPtr snapshot) — owned by the snapshot
  virDomainSnapshotGetName: { parameters: ["pointer"], result: "pointer" },
  // char *virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
  virDomainSnapshotGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
  virDomainSnapshotIsCurrent: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags) — may
  // restore guest memory, so it runs off the JS thread like every call
  virDomainRevertToSnapshot: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
  virDomainSnapshotDelete: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainSnapshotFree(virDomainSnapshotPtr snapshot)
  virDomainSnapshotFree: { parameters: ["pointer"], result: "i32" },

  // int virDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
  //                                 unsigned int flags)
  virDomainListAllCheckpoints: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain,
  //                                                        const char *name, unsigned int flags)
  virDomainCheckpointLookupByName: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // const char *virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint)
  virDomainCheckpointGetName: { parameters: ["pointer"], result: "pointer" },
  // char *virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags)
  virDomainCheckpointGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags)
  virDomainCheckpointDelete: { parameters: ["pointer", "u32"], result: "i32" },
  // int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint)
  virDomainCheckpointFree: { parameters: ["pointer"], result: "i32" },

  // int virDomainBackupBegin(virDomainPtr domain, const char *backupXML,
  //                          const char *checkpointXML, unsigned int flags)
  virDomainBackupBegin: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // char *virDomainBackupGetXMLDesc(virDomainPtr domain, unsigned int flags) — caller frees
  virDomainBackupGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virDomainAbortJob(virDomainPtr domain)
  virDomainAbortJob: { parameters: ["pointer"], result: "i32" },
  // int virDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params,
  //                          int *nparams, unsigned int flags)
  virDomainGetJobStats: {
    parameters: ["pointer", "buffer", "buffer", "buffer", "u32"],
    result: "i32",
  },
  // virDomainPtr virDomainMigrate3(virDomainPtr domain, virConnectPtr dconn,
  //     virTypedParameterPtr params, unsigned int nparams, unsigned int flags) — blocks for the
  //     whole migration: only ever called on a dedicated worker (ffi/libvirt/ops/migrate.ts)
  virDomainMigrate3: {
    parameters: ["pointer", "pointer", "buffer", "u32", "u32"],
    result: "pointer",
  },
  // void virTypedParamsFree(virTypedParameterPtr params, int nparams)
  virTypedParamsFree: { parameters: ["pointer", "i32"], result: "void" },

  // int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
  //     virConnectDomainEventGenericCallback cb, void *opaque, virFreeCallback freecb)
  virConnectDomainEventRegisterAny: {
    parameters: ["pointer", "pointer", "i32", "function", "pointer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
  virConnectDomainEventDeregisterAny: {
    parameters: ["pointer", "i32"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
  //     int eventID, virConnectStoragePoolEventGenericCallback cb, void *opaque,
  //     virFreeCallback freecb)
  virConnectStoragePoolEventRegisterAny: {
    parameters: ["pointer", "pointer", "i32", "function", "pointer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
  virConnectStoragePoolEventDeregisterAny: {
    parameters: ["pointer", "i32"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
  //     virConnectNetworkEventGenericCallback cb, void *opaque, virFreeCallback freecb)
  virConnectNetworkEventRegisterAny: {
    parameters: ["pointer", "pointer", "i32", "function", "pointer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  // int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
  virConnectNetworkEventDeregisterAny: {
    parameters: ["pointer", "i32"],
    result: "i32",
    nonblocking: true,
  },

  // virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn, const char *path)
  virStorageVolLookupByPath: { parameters: ["pointer", "buffer"], result: "pointer" },
  // int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
  virStorageVolGetInfo: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
  virStorageVolDelete: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStorageVolFree(virStorageVolPtr vol)
  virStorageVolFree: { parameters: ["pointer"], result: "i32" },
  // int virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
  virStorageVolResize: { parameters: ["pointer", "u64", "u32"], result: "i32" },
  // char *virStorageVolGetPath(virStorageVolPtr vol) — caller frees
  virStorageVolGetPath: { parameters: ["pointer"], result: "pointer" },
  // const char *virStorageVolGetName(virStorageVolPtr vol) — owned by the volume
  virStorageVolGetName: { parameters: ["pointer"], result: "pointer" },
  // char *virStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags) — caller frees
  virStorageVolGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
  //                         unsigned long long length, unsigned int flags)
  virStorageVolUpload: { parameters: ["pointer", "pointer", "u64", "u64", "u32"], result: "i32" },

  // int virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
  //                                   unsigned int flags)
  virConnectListAllStoragePools: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // virStoragePoolPtr virStoragePoolLookupByName(virConnectPtr conn, const char *name)
  virStoragePoolLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol)
  virStoragePoolLookupByVolume: { parameters: ["pointer"], result: "pointer" },
  // int virStoragePoolFree(virStoragePoolPtr pool)
  virStoragePoolFree: { parameters: ["pointer"], result: "i32" },
  // const char *virStoragePoolGetName(virStoragePoolPtr pool) — owned by the pool
  virStoragePoolGetName: { parameters: ["pointer"], result: "pointer" },
  // int virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
  virStoragePoolGetInfo: { parameters: ["pointer", "buffer"], result: "i32" },
  // char *virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags) — caller frees
  virStoragePoolGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
  virStoragePoolRefresh: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
  //                                  unsigned int flags)
  virStoragePoolListAllVolumes: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // virStorageVolPtr virStorageVolLookupByName(virStoragePoolPtr pool, const char *name)
  virStorageVolLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virStorageVolPtr virStorageVolCreateXML(virStoragePoolPtr pool, const char *xmldesc,
  //                                         unsigned int flags)
  virStorageVolCreateXML: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xmldesc,
  //                                             virStorageVolPtr clonevol, unsigned int flags)
  // Copies a whole disk: minutes for big volumes, on the calling worker thread.
  virStorageVolCreateXMLFrom: {
    parameters: ["pointer", "buffer", "pointer", "u32"],
    result: "pointer",
  },

  // virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags)
  virStreamNew: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virStreamSend(virStreamPtr stream, const char *data, size_t nbytes)
  virStreamSend: { parameters: ["pointer", "buffer", "usize"], result: "i32" },
  // int virStreamFinish(virStreamPtr stream)
  virStreamFinish: { parameters: ["pointer"], result: "i32" },
  // int virStreamAbort(virStreamPtr stream)
  virStreamAbort: { parameters: ["pointer"], result: "i32" },
  // int virStreamRecv(virStreamPtr stream, char *data, size_t nbytes) — 0 at end of stream
  virStreamRecv: { parameters: ["pointer", "buffer", "usize"], result: "i32" },
  // int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream,
  //                           unsigned long long offset, unsigned long long length, unsigned int flags)
  virStorageVolDownload: {
    parameters: ["pointer", "pointer", "u64", "u64", "u32"],
    result: "i32",
  },
  // int virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
  virStorageVolGetInfoFlags: { parameters: ["pointer", "buffer", "u32"], result: "i32" },

  // virStoragePoolPtr virStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
  virStoragePoolDefineXML: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags) — starts it
  virStoragePoolCreate: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags)
  virStoragePoolBuild: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStoragePoolDestroy(virStoragePoolPtr pool) — stops it
  virStoragePoolDestroy: { parameters: ["pointer"], result: "i32" },
  // int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags) — removes the storage
  virStoragePoolDelete: { parameters: ["pointer", "u32"], result: "i32" },
  // int virStoragePoolUndefine(virStoragePoolPtr pool)
  virStoragePoolUndefine: { parameters: ["pointer"], result: "i32" },
  // int virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
  virStoragePoolGetAutostart: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart)
  virStoragePoolSetAutostart: { parameters: ["pointer", "i32"], result: "i32" },
  // int virStoragePoolIsPersistent(virStoragePoolPtr pool)
  virStoragePoolIsPersistent: { parameters: ["pointer"], result: "i32" },
  // int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf)
  virStoragePoolGetUUIDString: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virStoragePoolNumOfVolumes(virStoragePoolPtr pool)
  virStoragePoolNumOfVolumes: { parameters: ["pointer"], result: "i32" },

  // int virStreamFree(virStreamPtr stream)
  virStreamFree: { parameters: ["pointer"], result: "i32" },
  // int virDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st,
  //                          unsigned int flags) — dev_name NULL: the first console or serial
  virDomainOpenConsole: { parameters: ["pointer", "buffer", "pointer", "u32"], result: "i32" },
  // virConnectPtr virDomainGetConnect(virDomainPtr dom) — borrowed, not a new reference
  virDomainGetConnect: { parameters: ["pointer"], result: "pointer" },

  // int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
  virConnectListAllNetworks: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // int virNetworkFree(virNetworkPtr network)
  virNetworkFree: { parameters: ["pointer"], result: "i32" },
  // const char *virNetworkGetName(virNetworkPtr network) — owned by the network
  virNetworkGetName: { parameters: ["pointer"], result: "pointer" },
  // int virNetworkIsActive(virNetworkPtr net)
  virNetworkIsActive: { parameters: ["pointer"], result: "i32" },
  // virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name)
  virNetworkLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xml)
  virNetworkDefineXML: { parameters: ["pointer", "buffer"], result: "pointer" },
  // int virNetworkCreate(virNetworkPtr network) — starts it
  virNetworkCreate: { parameters: ["pointer"], result: "i32" },
  // int virNetworkDestroy(virNetworkPtr network) — stops it
  virNetworkDestroy: { parameters: ["pointer"], result: "i32" },
  // int virNetworkUndefine(virNetworkPtr network)
  virNetworkUndefine: { parameters: ["pointer"], result: "i32" },
  // char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags) — caller frees
  virNetworkGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virNetworkGetAutostart(virNetworkPtr network, int *autostart)
  virNetworkGetAutostart: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virNetworkSetAutostart(virNetworkPtr network, int autostart)
  virNetworkSetAutostart: { parameters: ["pointer", "i32"], result: "i32" },
  // int virNetworkIsPersistent(virNetworkPtr net)
  virNetworkIsPersistent: { parameters: ["pointer"], result: "i32" },
  // int virNetworkGetUUIDString(virNetworkPtr network, char *buf)
  virNetworkGetUUIDString: { parameters: ["pointer", "buffer"], result: "i32" },
  // int virNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section,
  //                      int parentIndex, const char *xml, unsigned int flags)
  virNetworkUpdate: {
    parameters: ["pointer", "u32", "u32", "i32", "buffer", "u32"],
    result: "i32",
  },
  // int virNetworkGetDHCPLeases(virNetworkPtr network, const char *mac,
  //                             virNetworkDHCPLeasePtr **leases, unsigned int flags)
  virNetworkGetDHCPLeases: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "i32" },
  // void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
  virNetworkDHCPLeaseFree: { parameters: ["pointer"], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;

export const libcSymbols = {
  // void free(void *ptr) — libvirt allocates returned strings with malloc
  free: { parameters: ["pointer"], result: "void" },
  // void *dlopen(const char *filename, int flags) — with RTLD_NOLOAD, a library already loaded
  dlopen: { parameters: ["buffer", "i32"], result: "pointer" },
  // void *dlsym(void *handle, const char *symbol) — a C function's address, to hand to libvirt
  dlsym: { parameters: ["pointer", "buffer"], result: "pointer" },
} as const satisfies Deno.ForeignLibraryInterface;
