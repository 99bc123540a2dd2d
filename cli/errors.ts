// The command-line client's one error type and its exit statuses: every failure becomes a
// CliError with the API's `{code, message}` (or one of ours in the same shape) and an exit code.

/** What each exit status means; documented in the usage and kept the same by every command. */
export const EXIT = {
  /** Done. */
  OK: 0,
  /** The server answered with a refusal or failure (HTTP 4xx/5xx other than below). */
  REFUSED: 1,
  /** Bad flags, a missing argument, an unusable config file. */
  USAGE: 2,
  /** The server could not be reached: refused connection, DNS, TLS certificate, timeout. */
  UNREACHABLE: 3,
  /** No token, or the server refused it or its role (HTTP 401/403). */
  AUTH: 4,
  /** The VM, host or route does not exist (HTTP 404). */
  NOT_FOUND: 5,
} as const;

export type ExitCode = typeof EXIT[keyof typeof EXIT];

/** A failure with the API's words; `body` is the API's whole error body when there was one. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly exitCode: ExitCode,
    readonly code: string,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The `{code, message, …}` printed on stderr in --json mode. */
  toJson(): Record<string, unknown> {
    return this.body ?? { code: this.code, message: this.message };
  }
}

export const usageError = (message: string) => new CliError(EXIT.USAGE, "USAGE", message);

/** The exit status for an HTTP error status. */
export function exitForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  return EXIT.REFUSED;
}
