// libvirt's C functions about the host itself, part of the symbol table (symbols.ts): its
// devices, its network filters, and the collector's host and domain readings made off the JS
// thread. https://libvirt.org/html/libvirt-libvirt-nodedev.html,
// https://libvirt.org/html/libvirt-libvirt-nwfilter.html

export const hostSymbols = {
  // int virConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
  //                                  unsigned int flags)
  virConnectListAllNodeDevices: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // const char *virNodeDeviceGetName(virNodeDevicePtr dev) — owned by the device, not freed
  virNodeDeviceGetName: { parameters: ["pointer"], result: "pointer" },
  // char *virNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags) — caller frees
  virNodeDeviceGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virNodeDeviceFree(virNodeDevicePtr dev)
  virNodeDeviceFree: { parameters: ["pointer"], result: "i32" },

  // virNWFilterPtr virNWFilterLookupByName(virConnectPtr conn, const char *name)
  virNWFilterLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virNWFilterPtr virNWFilterDefineXML(virConnectPtr conn, const char *xmlDesc)
  virNWFilterDefineXML: { parameters: ["pointer", "buffer"], result: "pointer" },
  // char *virNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags) — caller frees
  virNWFilterGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virNWFilterUndefine(virNWFilterPtr nwfilter)
  virNWFilterUndefine: { parameters: ["pointer"], result: "i32" },
  // int virNWFilterFree(virNWFilterPtr nwfilter)
  virNWFilterFree: { parameters: ["pointer"], result: "i32" },

  // The collector's reading, made from the JS thread off it (off_thread.ts); errors are read
  // from the connection, which carries that one call.
  virConnectGetAllDomainStatsAsync: {
    name: "virConnectGetAllDomainStats",
    parameters: ["pointer", "u32", "buffer", "u32"],
    result: "i32",
    nonblocking: true,
  },
  virNodeGetCPUStatsAsync: {
    name: "virNodeGetCPUStats",
    parameters: ["pointer", "i32", "buffer", "buffer", "u32"],
    result: "i32",
    nonblocking: true,
  },
  virNodeGetMemoryStatsAsync: {
    name: "virNodeGetMemoryStats",
    parameters: ["pointer", "i32", "buffer", "buffer", "u32"],
    result: "i32",
    nonblocking: true,
  },
  virNodeGetInfoAsync: {
    name: "virNodeGetInfo",
    parameters: ["pointer", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  virNodeGetFreeMemoryAsync: {
    name: "virNodeGetFreeMemory",
    parameters: ["pointer"],
    result: "u64",
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;
