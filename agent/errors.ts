// The agent's one error type: every refusal a method can give, as a JSON-RPC error by name.

import { type RpcError, RpcErrorCode, type RpcErrorName } from "./protocol.ts";

/** Extra fields a refusal carries besides its name (the output so far for command errors). */
export type AgentErrorData = Omit<NonNullable<RpcError["data"]>, "name">;

export class AgentError extends Error {
  override name = "AgentError";
  constructor(
    readonly rpcName: RpcErrorName,
    message: string,
    readonly data: AgentErrorData = {},
  ) {
    super(message);
  }

  toRpcError(): RpcError {
    return {
      code: RpcErrorCode[this.rpcName],
      message: this.message,
      data: { name: this.rpcName, ...this.data },
    };
  }
}

/** A parameter the caller got wrong; the message names the field. */
export const invalidParams = (message: string) => new AgentError("INVALID_PARAMS", message);
