// libvirt's C functions about the host itself, part of the symbol table (symbols.ts): its
// devices, its network interfaces and its network filters. https://libvirt.org/html/libvirt-libvirt-nodedev.html,
// https://libvirt.org/html/libvirt-libvirt-interface.html,
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
  // virNodeDevicePtr virNodeDeviceLookupByName(virConnectPtr conn, const char *name)
  virNodeDeviceLookupByName: { parameters: ["pointer", "buffer"], result: "pointer" },
  // virNodeDevicePtr virNodeDeviceDefineXML(virConnectPtr conn, const char *xmlDesc,
  //                                         unsigned int flags) — a persistent mediated device
  virNodeDeviceDefineXML: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  // int virNodeDeviceIsActive(virNodeDevicePtr dev)
  virNodeDeviceIsActive: { parameters: ["pointer"], result: "i32" },
  // int virNodeDeviceCreate(virNodeDevicePtr dev, unsigned int flags) — starts a defined one
  virNodeDeviceCreate: { parameters: ["pointer", "u32"], result: "i32" },
  // int virNodeDeviceDestroy(virNodeDevicePtr dev) — stops it
  virNodeDeviceDestroy: { parameters: ["pointer"], result: "i32" },
  // int virNodeDeviceUndefine(virNodeDevicePtr dev, unsigned int flags)
  virNodeDeviceUndefine: { parameters: ["pointer", "u32"], result: "i32" },

  // int virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
  //                                 unsigned int flags)
  virConnectListAllInterfaces: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  // const char *virInterfaceGetName(virInterfacePtr iface) — owned by the interface, not freed
  virInterfaceGetName: { parameters: ["pointer"], result: "pointer" },
  // int virInterfaceIsActive(virInterfacePtr iface)
  virInterfaceIsActive: { parameters: ["pointer"], result: "i32" },
  // char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags) — caller frees
  virInterfaceGetXMLDesc: { parameters: ["pointer", "u32"], result: "pointer" },
  // int virInterfaceFree(virInterfacePtr iface)
  virInterfaceFree: { parameters: ["pointer"], result: "i32" },

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
} as const satisfies Deno.ForeignLibraryInterface;
