// One PAM transaction (start, authenticate, account check, end) with the conversation function
// that answers PAM's prompts. Blocking: runs only on a PAM worker thread.
// See https://www.man7.org/linux/man-pages/man3/pam_conv.3.html

import {
  PAM_DISALLOW_NULL_AUTHTOK,
  PAM_MAX_NUM_MSG,
  PamItem,
  pamLib,
  pamLibc,
  PamMessageStyle,
  PamStatus,
} from "./library.ts";
import type { PamCheck, PamOutcome } from "./protocol.ts";
import { cString } from "../libvirt/library.ts";

// What the conversation answers during the transaction in progress; null between transactions,
// so a stray call answers nothing.
let answers: { user: Uint8Array<ArrayBuffer>; password: Uint8Array<ArrayBuffer> } | null = null;

// sizeof(struct pam_response) on LP64: char *resp; int resp_retcode; + padding.
const RESPONSE_SIZE = 16;

/** Wipes and frees replies built so far, for a conversation that gives up half way. */
function dropReplies(array: Deno.PointerObject, count: number) {
  const libc = pamLibc();
  const slots = new BigUint64Array(
    Deno.UnsafePointerView.getArrayBuffer(array, count * RESPONSE_SIZE),
  );
  for (let i = 0; i < count; i++) {
    const resp = Deno.UnsafePointer.create(slots[i * 2]);
    if (!resp) continue;
    libc.explicit_bzero(resp, libc.strlen(resp));
    libc.free(resp);
  }
  libc.free(array);
}

/**
 * int conv(int num_msg, const struct pam_message **msg, struct pam_response **resp, void *appdata)
 * Linux-PAM passes `msg` as an array of pointers, one per message. The reply array and each
 * string in it belong to PAM once we return, and PAM releases them with free().
 */
function converse(
  count: number,
  messages: Deno.PointerValue,
  replies: Deno.PointerValue,
): number {
  if (!answers || !messages || !replies || count <= 0 || count > PAM_MAX_NUM_MSG) {
    return PamStatus.CONV_ERR;
  }
  const libc = pamLibc();
  const array = libc.calloc(BigInt(count), BigInt(RESPONSE_SIZE));
  if (!array) return PamStatus.BUF_ERR;
  try {
    const list = new Deno.UnsafePointerView(messages);
    const slots = new BigUint64Array(
      Deno.UnsafePointerView.getArrayBuffer(array, count * RESPONSE_SIZE),
    );
    for (let i = 0; i < count; i++) {
      const message = list.getPointer(i * 8);
      if (!message) throw new Error("NULL pam_message");
      let reply: Deno.PointerValue = null;
      switch (new Deno.UnsafePointerView(message).getInt32(0)) {
        case PamMessageStyle.PROMPT_ECHO_OFF:
          reply = libc.strdup(answers.password);
          break;
        case PamMessageStyle.PROMPT_ECHO_ON:
          reply = libc.strdup(answers.user);
          break;
        case PamMessageStyle.ERROR_MSG:
        case PamMessageStyle.TEXT_INFO:
          // Notices for a terminal ("password expires in 3 days"): nobody reads them here.
          continue;
        default:
          // Radio or binary prompts: no web sign-in can answer them.
          dropReplies(array, count);
          return PamStatus.CONV_ERR;
      }
      if (!reply) {
        dropReplies(array, count);
        return PamStatus.BUF_ERR;
      }
      slots[i * 2] = BigInt(Deno.UnsafePointer.value(reply));
    }
    new BigUint64Array(Deno.UnsafePointerView.getArrayBuffer(replies, 8))[0] = BigInt(
      Deno.UnsafePointer.value(array),
    );
    return PamStatus.SUCCESS;
  } catch {
    // An exception must not unwind through libpam's C frames.
    dropReplies(array, count);
    return PamStatus.CONV_ERR;
  }
}

let conversation: BigUint64Array<ArrayBuffer> | undefined;

/**
 * struct pam_conv { conv, appdata_ptr } for pam_start. Not thread-safe on purpose: libpam calls
 * it synchronously inside pam_authenticate, on this worker's own thread. Lives as long as the
 * thread (pam_start copies the struct, but the function must stay callable).
 */
function conversationStruct(): BigUint64Array<ArrayBuffer> {
  if (!conversation) {
    const callback = new Deno.UnsafeCallback(
      { parameters: ["i32", "pointer", "pointer", "pointer"], result: "i32" } as const,
      converse,
    );
    conversation = new BigUint64Array([BigInt(Deno.UnsafePointer.value(callback.pointer)), 0n]);
  }
  return conversation;
}

function describe(handle: Deno.PointerValue, status: number): string {
  const text = pamLib().pam_strerror(handle, status);
  return text ? Deno.UnsafePointerView.getCString(text) : `PAM error ${status}`;
}

/**
 * Checks `check.password` for `check.user` through PAM service `check.service`: pam_start (the
 * user becomes PAM_USER), pam_authenticate, pam_acct_mgmt, and always pam_end. Wipes the
 * password bytes before returning.
 */
export function pamCheckPassword(check: PamCheck): PamOutcome {
  const { password } = check;
  if (password.indexOf(0) !== password.length - 1) {
    password.fill(0);
    throw new TypeError("the password must end in its only NUL byte");
  }
  const pam = pamLib();
  const user = cString(check.user);
  const slot = new BigUint64Array(1);
  answers = { user, password };
  try {
    let status = pam.pam_start(cString(check.service), user, conversationStruct(), slot);
    const handle = Deno.UnsafePointer.create(slot[0]);
    // On failure pam_start frees what it built and leaves no handle to end.
    if (status !== PamStatus.SUCCESS || !handle) {
      return { step: "start", status, description: describe(handle, status) };
    }
    try {
      if (check.remoteHost) {
        status = pam.pam_set_item(handle, PamItem.RHOST, cString(check.remoteHost));
        if (status !== PamStatus.SUCCESS) {
          return { step: "start", status, description: describe(handle, status) };
        }
      }
      status = pam.pam_authenticate(handle, PAM_DISALLOW_NULL_AUTHTOK);
      if (status !== PamStatus.SUCCESS) {
        return { step: "authenticate", status, description: describe(handle, status) };
      }
      status = pam.pam_acct_mgmt(handle, PAM_DISALLOW_NULL_AUTHTOK);
      return { step: "account", status, description: describe(handle, status) };
    } finally {
      pam.pam_end(handle, status);
    }
  } finally {
    answers = null;
    password.fill(0);
  }
}
