// libvirt's C functions the server calls from the JS thread without blocking it and without a
// worker isolate (off_thread.ts), part of the symbol table (symbols.ts): each is declared
// nonblocking, so it waits on one of Deno's blocking threads, and its error is read from the
// connection, which carries that one call. Each keeps its C name (`name`); the "Async" key tells
// it from the blocking declaration the call workers use.
// https://libvirt.org/html/libvirt-libvirt-host.html

const nonblocking = <
  const P extends readonly Deno.NativeType[],
  const R extends Deno.NativeResultType,
>(
  name: string,
  parameters: P,
  result: R,
) => ({ name, parameters, result, nonblocking: true as const });

export const offThreadSymbols = {
  // The collector's reading and the host check read host figures and every domain's counters.
  // int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
  //     virDomainStatsRecordPtr **retStats, unsigned int flags)
  virConnectGetAllDomainStatsAsync: nonblocking(
    "virConnectGetAllDomainStats",
    ["pointer", "u32", "buffer", "u32"],
    "i32",
  ),
  // int virNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
  //     int *nparams, unsigned int flags)
  virNodeGetCPUStatsAsync: nonblocking(
    "virNodeGetCPUStats",
    ["pointer", "i32", "buffer", "buffer", "u32"],
    "i32",
  ),
  // int virNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
  //     int *nparams, unsigned int flags)
  virNodeGetMemoryStatsAsync: nonblocking(
    "virNodeGetMemoryStats",
    ["pointer", "i32", "buffer", "buffer", "u32"],
    "i32",
  ),
  // int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
  virNodeGetInfoAsync: nonblocking("virNodeGetInfo", ["pointer", "buffer"], "i32"),
  // unsigned long long virNodeGetFreeMemory(virConnectPtr conn)
  virNodeGetFreeMemoryAsync: nonblocking("virNodeGetFreeMemory", ["pointer"], "u64"),

  // The host check's facts (ops/host_facts.ts).
  // const char *virConnectGetType(virConnectPtr conn) — kept by libvirt, not freed; a remote
  // connection asks libvirtd the first time
  virConnectGetTypeAsync: nonblocking("virConnectGetType", ["pointer"], "pointer"),
  // char *virConnectGetCapabilities(virConnectPtr conn) — caller frees
  virConnectGetCapabilitiesAsync: nonblocking("virConnectGetCapabilities", ["pointer"], "pointer"),
  // char *virConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
  //     const char *arch, const char *machine, const char *virttype, unsigned int flags)
  virConnectGetDomainCapabilitiesAsync: nonblocking(
    "virConnectGetDomainCapabilities",
    ["pointer", "buffer", "buffer", "buffer", "buffer", "u32"],
    "pointer",
  ),
  // int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
  virConnectListAllNetworksAsync: nonblocking(
    "virConnectListAllNetworks",
    ["pointer", "buffer", "u32"],
    "i32",
  ),
  // int virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
  //     unsigned int flags)
  virConnectListAllStoragePoolsAsync: nonblocking(
    "virConnectListAllStoragePools",
    ["pointer", "buffer", "u32"],
    "i32",
  ),
} as const satisfies Deno.ForeignLibraryInterface;
