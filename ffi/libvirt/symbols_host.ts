// libvirt's C functions about the host itself, part of the symbol table (symbols.ts): its
// devices, and the collector's host and domain readings made off the JS thread.
// https://libvirt.org/html/libvirt-libvirt-nodedev.html

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
