import { RpcErrorCode } from "../../agent/protocol.ts";
import { AppError } from "../errors.ts";
import { assert, assertEquals } from "../testing/assert.ts";
import { AgentCallError } from "./agent_client.ts";
import { fromAgent } from "./errors.ts";

const rpc = (name: keyof typeof RpcErrorCode, message: string, extra = {}) =>
  new AgentCallError("rpc", message, {
    code: RpcErrorCode[name],
    message,
    data: { name, ...extra },
  });

Deno.test("fromAgent - each agent refusal keeps its words and gets its status", () => {
  const cases: [AgentCallError, number, string][] = [
    [
      rpc("PATH_NOT_ALLOWED", "path /etc/shadow is outside the allowed directories"),
      403,
      "PATH_NOT_ALLOWED",
    ],
    [rpc("COMMAND_NOT_ALLOWED", "command rm is not on the allow-list"), 403, "COMMAND_NOT_ALLOWED"],
    [rpc("FILE_NOT_FOUND", "no such file"), 404, "FILE_NOT_FOUND"],
    [rpc("FILE_TOO_LARGE", "too large"), 413, "FILE_TOO_LARGE"],
    [rpc("INVALID_PARAMS", "argument 1 contains ;"), 400, "BAD_REQUEST"],
    [rpc("BUSY", "busy"), 429, "AGENT_BUSY"],
    [rpc("INTERNAL_ERROR", "boom"), 502, "AGENT_ERROR"],
    [
      new AgentCallError("timeout", "the guest agent did not answer ping within 3 s"),
      504,
      "AGENT_TIMEOUT",
    ],
    [new AgentCallError("closed", "the guest agent channel closed"), 409, "AGENT_UNAVAILABLE"],
  ];
  for (const [err, status, code] of cases) {
    const out = fromAgent(err);
    assert(out instanceof AppError);
    assertEquals([out.status, out.code], [status, code]);
    assert(out.message.includes(err.message), out.message);
  }
});

Deno.test("fromAgent - a timeout or output cap carries the output so far", () => {
  const out = fromAgent(
    rpc("OUTPUT_LIMIT", "output over 1048576 bytes", { stdout: "y\n", stderr: "", limit_bytes: 9 }),
  ) as AppError;
  assertEquals([out.status, out.code], [422, "OUTPUT_LIMIT"]);
  assertEquals(out.details, { stdout: "y\n", stderr: "", limitBytes: 9 });
  const t = fromAgent(rpc("COMMAND_TIMEOUT", "killed after 1 s", { stdout: "a", stderr: "b" }));
  assertEquals([(t as AppError).status, (t as AppError).details], [504, {
    stdout: "a",
    stderr: "b",
  }]);
});
