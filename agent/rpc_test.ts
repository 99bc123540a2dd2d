import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { AgentError } from "./errors.ts";
import { methodTable } from "./methods.ts";
import { METHODS, PROTOCOL_VERSION, RpcErrorCode } from "./protocol.ts";
import { handleLine } from "./rpc.ts";
import { call, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";
import { AGENT_VERSION } from "./version.ts";

const config = testConfig();
const methods = methodTable(config);
const line = (text: string) => handleLine(text, methods);

Deno.test("rpc - ping, with the id echoed (number or string)", async () => {
  assertEquals(await line('{"jsonrpc":"2.0","id":7,"method":"ping"}'), {
    jsonrpc: "2.0",
    id: 7,
    result: { pong: true },
  });
  const r = await line('{"jsonrpc":"2.0","id":"a-1","method":"ping","params":{}}');
  assertEquals(r?.id, "a-1");
  resultOf(r);
});

Deno.test("rpc - get_agent_info states the version, the methods and the policy", async () => {
  const info = resultOf(await call(methods, "get_agent_info"));
  assertEquals(info.agent_version, AGENT_VERSION);
  assertEquals(info.protocol_version, PROTOCOL_VERSION);
  assertEquals(info.deno_version, Deno.version.deno);
  assertEquals(info.methods, [...METHODS]);
  assertEquals(info.policy, {
    allowed_dirs: config.allowed_dirs,
    allowed_commands: config.allowed_commands,
    denied_commands: config.denied_commands,
    allowed_services: config.allowed_services,
    allow_self_update: false,
    command_timeout_ms: config.command_timeout_ms,
    max_command_timeout_ms: config.max_command_timeout_ms,
    max_output_bytes: config.max_output_bytes,
    max_file_bytes: config.max_file_bytes,
  });
});

Deno.test("rpc - invalid JSON is a parse error with id null", async () => {
  const r = await line('{"jsonrpc":"2.0","id":1,"method":"ping"');
  assertEquals(r?.id, null);
  assertEquals(errorOf(r, "PARSE_ERROR").code, -32700);
});

Deno.test("rpc - envelopes that are not a request are INVALID_REQUEST", async () => {
  const cases: [string, unknown, RegExp][] = [
    ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', null, /batch requests are not supported/],
    ["[]", null, /batch/],
    ["42", null, /must be a JSON object/],
    ["null", null, /must be a JSON object/],
    ['{"jsonrpc":"2.0","id":{},"method":"ping"}', null, /id must be a string or a number/],
    ['{"jsonrpc":"2.0","id":null,"method":"ping"}', null, /id must be/],
    ['{"jsonrpc":"1.0","id":3,"method":"ping"}', 3, /jsonrpc must be "2.0"/],
    ['{"id":3,"method":"ping"}', 3, /jsonrpc must be "2.0"/],
    ['{"jsonrpc":"2.0","id":3}', 3, /method must be a string/],
    ['{"jsonrpc":"2.0","id":3,"method":"ping","params":"x"}', 3, /params must be an object/],
    ['{"jsonrpc":"2.0","id":3,"method":"ping","params":null}', 3, /params must be an object/],
  ];
  for (const [text, id, re] of cases) {
    const r = await line(text);
    assertEquals(r?.id, id, text);
    const e = errorOf(r, "INVALID_REQUEST");
    assertEquals(e.code, -32600);
    assertMatch(e.message, re);
  }
});

Deno.test("rpc - notifications are run but not answered", async () => {
  assertEquals(await line('{"jsonrpc":"2.0","method":"ping"}'), null);
  assertEquals(await line('{"jsonrpc":"2.0","method":"no_such_method"}'), null);
  // Invalid ones are still answered: they are not notifications.
  errorOf(await line('{"method":"ping"}'), "INVALID_REQUEST");
});

Deno.test("rpc - an unknown method is METHOD_NOT_FOUND, even a prototype key", async () => {
  for (const method of ["nope", "__proto__", "toString", "constructor", "Ping"]) {
    const e = errorOf(await call(methods, method), "METHOD_NOT_FOUND");
    assertEquals(e.code, -32601);
    assertMatch(e.message, /no method/);
  }
});

Deno.test("rpc - positional params and unknown params are INVALID_PARAMS", async () => {
  assertMatch(
    errorOf(await call(methods, "ping", [1]), "INVALID_PARAMS").message,
    /named parameters/,
  );
  for (
    const m of ["ping", "get_agent_info", "get_system_info", "get_network_info", "get_disk_usage"]
  ) {
    const e = errorOf(await call(methods, m, { verbose: true }), "INVALID_PARAMS");
    assertEquals(e.code, -32602);
    assertMatch(e.message, /unknown parameter "verbose" \(this method takes none\)/);
  }
});

Deno.test("rpc - an unexpected exception is INTERNAL_ERROR without a stack", async () => {
  const broken = new Map([
    ["boom", () => Promise.reject(new TypeError("cannot read x of undefined"))],
    ["refuse", () => Promise.reject(new AgentError("BUSY", "busy now"))],
  ]);
  const r = await handleLine('{"jsonrpc":"2.0","id":1,"method":"boom"}', broken);
  const e = errorOf(r, "INTERNAL_ERROR");
  assertEquals(e.code, RpcErrorCode.INTERNAL_ERROR);
  assertEquals(e.message, "internal error in boom: cannot read x of undefined");
  assert(!JSON.stringify(r).includes("rpc_test.ts"));
  const busy = errorOf(
    await handleLine('{"jsonrpc":"2.0","id":1,"method":"refuse"}', broken),
    "BUSY",
  );
  assertEquals(busy, { code: -32014, message: "busy now", data: { name: "BUSY" } });
});
