// The one mapping from failures to HTTP: AppError carries status, code and the user's words.

import { DEFAULT_RECONNECT_MAX_MS } from "../ffi/libvirt/call_policy.ts";
import { ErrorCode, isConnectionLost, LibvirtError } from "../ffi/libvirt/error.ts";
import { ALSO_ANSWERS, type ErrorCode as ApiErrorCode, statusOf } from "../shared/errors.ts";
import { t } from "../shared/i18n/t.ts";

/** An error the API returns as `{code, message}`, with the status the catalogue gives its code. */
export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  /**
   * `details`: extra fields for the response body, e.g. every field error of a form.
   * `cause`: the error behind it (a LibvirtError, say): logged with a 5xx, never sent.
   */
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown; status?: number },
  ) {
    // Error's own option: `cause` becomes a property only when there is one.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = statusOf(code);
    if (options?.status !== undefined && options.status !== this.status) {
      if (!ALSO_ANSWERS[code]?.includes(options.status)) {
        throw new Error(`${code} never answers ${options.status} (shared/errors.ts)`);
      }
      this.status = options.status;
    }
  }
}

/** `cause`: the libvirt error that said so, when one did. */
export const vmNotFound = (id: string, cause?: unknown) =>
  new AppError("VM_NOT_FOUND", t("VM not found: {{id}}", { id }), undefined, { cause });
export const conflict = (message: string) => new AppError("INVALID_STATE", message);
export const badRequest = (message: string) => new AppError("BAD_REQUEST", message);
/** `cause`: the lost connection's LibvirtError, when one told. */
export const libvirtdDown = (cause?: unknown) =>
  new AppError(
    "LIBVIRT_UNAVAILABLE",
    t("libvirtd is not running or not answering; KVM Manager reconnects by itself once it is back"),
    undefined,
    { cause },
  );
/**
 * The Retry-After of every LIBVIRT_UNAVAILABLE, in seconds: the client's longest wait between
 * reconnect attempts, so by then it has tried again.
 */
export const LIBVIRT_RETRY_SECONDS = Math.ceil(DEFAULT_RECONNECT_MAX_MS / 1000);

/**
 * The Retry-After header an error's answer carries, in whole seconds, or undefined for none:
 * the error's own `retryAfter` detail (STORE_BUSY, 429s), else LIBVIRT_RETRY_SECONDS for
 * LIBVIRT_UNAVAILABLE however it was made.
 */
export function retryAfterOf(err: AppError): number | undefined {
  const given = err.details?.retryAfter;
  if (typeof given === "number" && given > 0) return Math.ceil(given);
  return err.code === "LIBVIRT_UNAVAILABLE" ? LIBVIRT_RETRY_SECONDS : undefined;
}

/** A libvirt call past its deadline (ErrorCode.DEADLINE_EXCEEDED); `message` says which. */
export const libvirtTimeout = (message: string, cause?: unknown) =>
  new AppError("LIBVIRT_TIMEOUT", t("{{message}}; try again later", { message }), undefined, {
    cause,
  });

/**
 * Turns a libvirt failure into the API's words, the LibvirtError kept as the answer's `cause`.
 * `id` names the VM for NO_DOMAIN; `failed` prefixes other errors, e.g. "Failed to pause VM".
 */
export function fromLibvirt(err: unknown, { id, failed }: { id?: string; failed: string }): Error {
  if (!(err instanceof LibvirtError)) return err as Error;
  if (isConnectionLost(err)) return libvirtdDown(err);
  // libvirt's words may already begin with ours ("Storage pool not found: no storage pool with
  // matching name …"): said once.
  const said = err.message.toLowerCase().startsWith(failed.toLowerCase())
    ? err.message
    : `${failed}: ${err.message}`;
  const answer = (code: ApiErrorCode, message = said) =>
    new AppError(code, message, undefined, { cause: err });
  switch (err.code) {
    case ErrorCode.DEADLINE_EXCEEDED:
      return libvirtTimeout(`${failed}: ${err.message}`, err);
    case ErrorCode.NO_DOMAIN:
      return id ? vmNotFound(id, err) : answer("NOT_FOUND", err.message);
    case ErrorCode.NO_STORAGE_POOL:
      return answer("POOL_NOT_FOUND");
    case ErrorCode.NO_STORAGE_VOL:
      return answer("VOLUME_NOT_FOUND");
    case ErrorCode.NO_NETWORK:
      return answer("NETWORK_NOT_FOUND");
    case ErrorCode.STORAGE_VOL_EXIST:
    case ErrorCode.NETWORK_EXIST:
      return answer("ALREADY_EXISTS");
    case ErrorCode.OPERATION_INVALID:
      return answer("INVALID_STATE");
    case ErrorCode.OPERATION_DENIED:
    case ErrorCode.AUTH_FAILED:
      return answer(
        "PERMISSION_DENIED",
        t("Permission denied: {{message}}", { message: err.message }),
      );
    case ErrorCode.NO_SUPPORT:
      return answer("NOT_SUPPORTED");
    case ErrorCode.INVALID_ARG:
    case ErrorCode.XML_ERROR:
      return answer("BAD_REQUEST");
    default:
      return answer("LIBVIRT_ERROR");
  }
}

/**
 * libvirt's codes for "this driver does not take that flag": virCheckFlags answers INVALID_ARG
 * ("unsupported flags (0x…) in function …", https://libvirt.org/html/libvirt-virterror.html),
 * a driver or daemon without the feature NO_SUPPORT or ARGUMENT_UNSUPPORTED.
 */
const UNSUPPORTED_FLAG_CODES = new Set<number>([
  ErrorCode.INVALID_ARG,
  ErrorCode.NO_SUPPORT,
  ErrorCode.ARGUMENT_UNSUPPORTED,
]);

/**
 * Calls `call(flags)`; when libvirt refuses with a code that says a flag is not taken (libvirt's
 * test driver knows no VALIDATE, NVRAM or TPM, say), calls once more with the `drop` flags left
 * out, and that call's failure is the one thrown. Decided by libvirt's code, never its words.
 */
export async function withoutUnsupportedFlag<T>(
  call: (flags: number) => Promise<T>,
  flags: number,
  drop: number,
): Promise<T> {
  try {
    return await call(flags);
  } catch (err) {
    const unsupported = err instanceof LibvirtError && UNSUPPORTED_FLAG_CODES.has(err.code);
    if (!unsupported || (flags & drop) === 0) throw err;
    return await call(flags & ~drop);
  }
}

/**
 * libvirt codes with which an action can fail because the domain's state changed under it:
 * the QEMU driver says "domain is not running" as OPERATION_INVALID, a start whose QEMU was
 * killed meanwhile fails with INTERNAL_ERROR ("process exited while connecting to monitor") or
 * OPERATION_FAILED, and the test driver says "already running" as INTERNAL_ERROR. The caller
 * re-reads the state and answers 409 only when that state explains the failure.
 */
const STATE_RACE_CODES = new Set<number>([
  ErrorCode.INTERNAL_ERROR,
  ErrorCode.OPERATION_FAILED,
  ErrorCode.OPERATION_INVALID,
]);

/**
 * True when `err` (a LibvirtError, or fromLibvirt's answer for one) may be a state race: worth
 * re-reading the domain's state before answering. Decided by libvirt's code, never its words;
 * a lost connection or a deadline is never one.
 */
export function mayBeStateRace(err: unknown): boolean {
  const cause = err instanceof AppError ? err.cause : err;
  return cause instanceof LibvirtError && !isConnectionLost(cause) &&
    STATE_RACE_CODES.has(cause.code);
}
