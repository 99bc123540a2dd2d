// Entry point of a PAM worker: runs password checks one at a time on its own thread, so
// pam_unix's ~2 s delay after a wrong password never stalls the thread that serves HTTP.

import { pamCheckPassword } from "./transaction.ts";
import type { PamReply, PamRequest } from "./protocol.ts";

declare const self: Worker;

self.onmessage = (e: MessageEvent<PamRequest>) => {
  const { id, check } = e.data;
  let reply: PamReply;
  try {
    reply = { id, ok: true, outcome: pamCheckPassword(check) };
  } catch (err) {
    check.password.fill(0);
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
