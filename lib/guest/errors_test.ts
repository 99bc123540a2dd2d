import { RpcErrorCode } from "../../agent/protocol.ts";
import { AppError } from "../errors.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
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

Deno.test("fromAgent - an agent too old for the host's policy is AGENT_OUTDATED, not a bad request", () => {
  // Exactly what agent 1.0.0 answers (agent/params.ts onlyKeys) to a call carrying `policy`.
  const old = fromAgent(
    rpc(
      "INVALID_PARAMS",
      'unknown parameter "policy" (this method takes: command, args, timeout_ms)',
    ),
  ) as AppError;
  assertEquals([old.status, old.code], [409, "AGENT_OUTDATED"]);
  assertMatch(old.message, /older than this server and cannot apply the VM's policy/);
  assertMatch(old.message, /\/agent\/kvmm-agent\.js/);
  // A newer agent's refusal of a bad policy, or of another unknown parameter, stays a 400.
  for (
    const words of [
      'unknown parameter "policy.dirs" (policy takes: allowed_dirs, allowed_commands, denied_commands)',
      'unknown parameter "shell" (this method takes: command, args, timeout_ms, policy)',
    ]
  ) {
    const out = fromAgent(rpc("INVALID_PARAMS", words)) as AppError;
    assertEquals([out.status, out.code, out.message], [400, "BAD_REQUEST", words]);
  }
  // The host policy's own refusals keep the agent's words and the usual 403.
  const denied = fromAgent(
    rpc("COMMAND_NOT_ALLOWED", '"uname" is on the host policy\'s disallowed commands'),
  ) as AppError;
  assertEquals([denied.status, denied.code], [403, "COMMAND_NOT_ALLOWED"]);
  assertMatch(denied.message, /host policy/);
});
