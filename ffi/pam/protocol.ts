// Messages between the main thread and the PAM worker threads.

/** One password check, as the worker receives it. */
export interface PamCheck {
  /** PAM service name: the file under /etc/pam.d (Linux-PAM falls back to "other"). */
  service: string;
  user: string;
  /**
   * The password as UTF-8 ending in one NUL byte and holding no other. Its buffer is moved to
   * the worker, which wipes it once PAM is done.
   */
  password: Uint8Array<ArrayBuffer>;
  /** Client address for PAM_RHOST, if known. */
  remoteHost?: string;
}

/** How a PAM transaction ended, as libpam reported it; lib/auth/pam.ts decides what it means. */
export interface PamOutcome {
  /** The step that ended it: "account" with status SUCCESS means password and account are fine. */
  step: "start" | "authenticate" | "account";
  /** PAM's return code for that step (PamStatus). */
  status: number;
  /** pam_strerror's text for `status`. */
  description: string;
}

export type PamRequest = { id: number; check: PamCheck };

export type PamReply =
  | { id: number; ok: true; outcome: PamOutcome }
  | { id: number; ok: false; message: string };
