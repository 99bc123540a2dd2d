import { assertEquals } from "../tests/support/assert.ts";
import { errorOf } from "./api_client.ts";
import { EXIT } from "./errors.ts";
import { fields, memory, size, table } from "./output.ts";

Deno.test("cli output - tables align columns and leave no trailing spaces", () => {
  assertEquals(
    table(["NAME", "STATE", "IP"], [["web", "running", "10.0.0.2"], ["database", "stopped", ""]]),
    "NAME      STATE    IP\nweb       running  10.0.0.2\ndatabase  stopped\n",
  );
  assertEquals(table(["NAME"], []), "NAME\n");
});

Deno.test("cli output - fields leave out nulls; sizes in binary units", () => {
  assertEquals(
    fields([["Name", "web"], ["Description", null], ["UUID", "u"]]),
    "Name:  web\nUUID:  u\n",
  );
  assertEquals([memory(512), memory(1024), memory(1536)], ["512 MiB", "1 GiB", "1.5 GiB"]);
  assertEquals([size(null), size(512), size(2 * 1024 ** 3), size(1.5 * 1024 ** 2)], [
    "-",
    "512 B",
    "2 GiB",
    "1.5 MiB",
  ]);
});

Deno.test("cli output - API errors keep their code and body; statuses map to exit codes", () => {
  const notFound = errorOf(404, "Not Found", '{"code":"VM_NOT_FOUND","message":"VM not found: x"}');
  assertEquals([notFound.exitCode, notFound.code, notFound.message], [
    EXIT.NOT_FOUND,
    "VM_NOT_FOUND",
    "VM not found: x",
  ]);
  const body = { code: "INVALID_CONFIG", message: "m", errors: [{ field: "a", message: "m" }] };
  assertEquals(errorOf(400, "Bad Request", JSON.stringify(body)).toJson(), body);
  assertEquals(errorOf(401, "", '{"code":"UNAUTHENTICATED","message":"m"}').exitCode, EXIT.AUTH);
  assertEquals(errorOf(403, "", '{"code":"FORBIDDEN","message":"m"}').exitCode, EXIT.AUTH);
  assertEquals(errorOf(409, "", '{"code":"INVALID_STATE","message":"m"}').exitCode, EXIT.REFUSED);
  const proxy = errorOf(502, "Bad Gateway", "<html>…</html>".repeat(40));
  assertEquals([proxy.exitCode, proxy.code, proxy.message], [
    1,
    "HTTP_502",
    "HTTP 502 Bad Gateway",
  ]);
});
