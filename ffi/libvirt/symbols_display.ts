// libvirt's C functions about a domain's screen and keyboard, part of the symbol table
// (symbols.ts): a screenshot over a stream and keys pressed on the guest's keyboard.
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainScreenshot

export const displaySymbols = {
  // char *virDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
  //                           unsigned int flags) — the image's MIME type; caller frees
  virDomainScreenshot: { parameters: ["pointer", "pointer", "u32", "u32"], result: "pointer" },
  // int virDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
  //                      unsigned int *keycodes, int nkeycodes, unsigned int flags)
  virDomainSendKey: {
    parameters: ["pointer", "u32", "u32", "buffer", "i32", "u32"],
    result: "i32",
  },
} as const;
