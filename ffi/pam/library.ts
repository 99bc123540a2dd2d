// The Linux-PAM symbol table, its constants, and the per-thread loader. PAM calls block (a
// failed password costs ~2 s in pam_unix), so only ffi/pam/worker.ts loads this.
// See https://github.com/linux-pam/linux-pam/blob/master/libpam/include/security/_pam_types.h

import { MissingLibraryError } from "../missing_library.ts";

/** Path of libpam; `KVMM_LIBPAM_PATH` overrides it. */
export const LIBPAM_PATH = Deno.env.get("KVMM_LIBPAM_PATH") ?? "libpam.so.0";

export const pamSymbols = {
  // int pam_start(const char *service_name, const char *user,
  //               const struct pam_conv *pam_conversation, pam_handle_t **pamh)
  pam_start: { parameters: ["buffer", "buffer", "buffer", "buffer"], result: "i32" },
  // int pam_set_item(pam_handle_t *pamh, int item_type, const void *item) — copies strings
  pam_set_item: { parameters: ["pointer", "i32", "buffer"], result: "i32" },
  // int pam_authenticate(pam_handle_t *pamh, int flags) — calls the conversation on this thread
  pam_authenticate: { parameters: ["pointer", "i32"], result: "i32" },
  // int pam_acct_mgmt(pam_handle_t *pamh, int flags)
  pam_acct_mgmt: { parameters: ["pointer", "i32"], result: "i32" },
  // int pam_end(pam_handle_t *pamh, int pam_status)
  pam_end: { parameters: ["pointer", "i32"], result: "i32" },
  // const char *pam_strerror(pam_handle_t *pamh, int errnum) — static text; pamh may be NULL
  pam_strerror: { parameters: ["pointer", "i32"], result: "pointer" },
} as const satisfies Deno.ForeignLibraryInterface;

/**
 * The libc allocator PAM frees with: conversation replies (the array and each string) must come
 * from malloc, because PAM calls free() on them.
 */
export const pamLibcSymbols = {
  // void *calloc(size_t nmemb, size_t size)
  calloc: { parameters: ["usize", "usize"], result: "pointer" },
  // char *strdup(const char *s)
  strdup: { parameters: ["buffer"], result: "pointer" },
  // size_t strlen(const char *s)
  strlen: { parameters: ["pointer"], result: "usize" },
  // void explicit_bzero(void *s, size_t n) — wipes a password copy before we free it ourselves
  explicit_bzero: { parameters: ["pointer", "usize"], result: "void" },
  // void free(void *ptr)
  free: { parameters: ["pointer"], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;

/** PAM return codes (Linux-PAM's numbering). */
export const PamStatus = {
  SUCCESS: 0,
  OPEN_ERR: 1,
  SYMBOL_ERR: 2,
  SERVICE_ERR: 3,
  SYSTEM_ERR: 4,
  BUF_ERR: 5,
  PERM_DENIED: 6,
  AUTH_ERR: 7,
  CRED_INSUFFICIENT: 8,
  AUTHINFO_UNAVAIL: 9,
  USER_UNKNOWN: 10,
  MAXTRIES: 11,
  NEW_AUTHTOK_REQD: 12,
  ACCT_EXPIRED: 13,
  SESSION_ERR: 14,
  CRED_UNAVAIL: 15,
  CRED_EXPIRED: 16,
  CRED_ERR: 17,
  CONV_ERR: 19,
  AUTHTOK_ERR: 20,
  AUTHTOK_EXPIRED: 27,
  ABORT: 26,
} as const;

/** pam_set_item item types. */
export const PamItem = { RHOST: 4 } as const;

/** struct pam_message.msg_style values. */
export const PamMessageStyle = {
  PROMPT_ECHO_OFF: 1,
  PROMPT_ECHO_ON: 2,
  ERROR_MSG: 3,
  TEXT_INFO: 4,
} as const;

/** Refuse accounts whose stored password is empty, whatever `nullok` says in the stack. */
export const PAM_DISALLOW_NULL_AUTHTOK = 0x0001;

/** Linux-PAM never sends more messages than this in one conversation call. */
export const PAM_MAX_NUM_MSG = 32;

type Pam = Deno.DynamicLibrary<typeof pamSymbols>["symbols"];
type PamLibc = Deno.DynamicLibrary<typeof pamLibcSymbols>["symbols"];

let pam: Pam | undefined;
let libc: PamLibc | undefined;

/** The libpam symbols, loaded on first use in this thread. */
export function pamLib(): Pam {
  if (!pam) {
    try {
      pam = Deno.dlopen(LIBPAM_PATH, pamSymbols).symbols;
    } catch (cause) {
      throw new MissingLibraryError(LIBPAM_PATH, "libpam0g", cause);
    }
  }
  return pam;
}

/** The libc allocator symbols, loaded on first use in this thread. */
export function pamLibc(): PamLibc {
  libc ??= Deno.dlopen("libc.so.6", pamLibcSymbols).symbols;
  return libc;
}
