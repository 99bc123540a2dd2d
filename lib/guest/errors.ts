// Guest-agent failures in the API's words: the agent's own message with the status and code
// that say what kind of refusal it was.

import { BOUNDS, clip, finite } from "./bounds.ts";
import type { RpcErrorName } from "../../agent/protocol.ts";
import type { ErrorCode as ApiErrorCode } from "../../shared/errors.ts";
import { AppError } from "../errors.ts";
import { AgentCallError } from "./agent_client.ts";
import { t } from "../../shared/i18n/t.ts";

/** `cause`: the failed agent call, when one told. */
export const agentUnavailable = (reason: string, cause?: unknown) =>
  new AppError(
    "AGENT_UNAVAILABLE",
    t("Guest agent not available: {{reason}}", { reason }),
    undefined,
    { cause },
  );

/** Refused rather than run without the VM's policy, which an agent before 1.1.0 cannot apply. */
export const agentOutdated = (cause?: unknown) =>
  new AppError(
    "AGENT_OUTDATED",
    t(
      "The guest's KVM Manager agent is older than this server and cannot apply the VM's policy: update it from {{path}}",
      { path: "/agent/kvmm-agent.js" },
    ),
    undefined,
    { cause },
  );

/** A method our agent does not know yet: it is older than the one that brought it. */
export const agentTooOldFor = (since: string, cause?: unknown) =>
  new AppError(
    "AGENT_UNSUPPORTED",
    t(
      "The guest's KVM Manager agent is older than {{version}} and cannot do this: update it from {{path}}",
      { version: since, path: "/agent/kvmm-agent.js" },
    ),
    undefined,
    { cause },
  );

// An agent before 1.1.0 refuses the `policy` param as it refuses any unknown one
// (agent/params.ts onlyKeys); those words are the only sign it gives. A newer agent names a bad
// key inside the policy as "policy.KEY", which this does not match.
const OLD_AGENT_ON_POLICY = 'unknown parameter "policy" ';

const RPC_CODE: Partial<Record<RpcErrorName, ApiErrorCode>> = {
  INVALID_PARAMS: "BAD_REQUEST",
  PATH_NOT_ALLOWED: "PATH_NOT_ALLOWED",
  COMMAND_NOT_ALLOWED: "COMMAND_NOT_ALLOWED",
  FILE_NOT_FOUND: "FILE_NOT_FOUND",
  FILE_TOO_LARGE: "FILE_TOO_LARGE",
  IO_ERROR: "GUEST_IO_ERROR",
  COMMAND_NOT_FOUND: "COMMAND_NOT_FOUND",
  OUTPUT_LIMIT: "OUTPUT_LIMIT",
  BUSY: "AGENT_BUSY",
  METHOD_NOT_FOUND: "AGENT_UNSUPPORTED",
  COMMAND_TIMEOUT: "COMMAND_TIMEOUT",
  SERVICE_NOT_ALLOWED: "SERVICE_NOT_ALLOWED",
  SERVICE_FAILED: "SERVICE_FAILED",
  NO_SERVICE_MANAGER: "NO_SERVICE_MANAGER",
  NO_PACKAGE_MANAGER: "NO_PACKAGE_MANAGER",
  SELF_UPDATE_NOT_ALLOWED: "AGENT_UPDATE_NOT_ALLOWED",
  UPDATE_FAILED: "AGENT_UPDATE_FAILED",
};

/** Maps a failed agent call to an AppError, the call's error kept as its cause; others pass. */
export function fromAgent(err: unknown): Error {
  if (!(err instanceof AgentCallError)) return err as Error;
  switch (err.kind) {
    case "timeout":
      return new AppError("AGENT_TIMEOUT", err.translated(), undefined, { cause: err });
    case "closed":
    case "connect":
      return agentUnavailable(err.translated(), err);
    case "rpc": {
      const data = err.rpc?.data;
      if (
        data?.name === "INVALID_PARAMS" && String(err.rpc?.message).startsWith(OLD_AGENT_ON_POLICY)
      ) {
        return agentOutdated(err);
      }
      // The guest names the error: only a name of the table counts (never "constructor").
      const name = typeof data?.name === "string" ? data.name : "";
      const code = (Object.hasOwn(RPC_CODE, name) && RPC_CODE[name as RpcErrorName]) ||
        "AGENT_ERROR";
      const details = data && (data.stdout !== undefined || data.stderr !== undefined)
        ? {
          stdout: clip(data.stdout, BOUNDS.output),
          stderr: clip(data.stderr, BOUNDS.output),
          ...(finite(data.limit_bytes) !== null ? { limitBytes: data.limit_bytes } : {}),
        }
        : undefined;
      return new AppError(code, err.message, details, { cause: err });
    }
  }
}
