import { AppError } from "../errors.ts";
import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { checkExecRequest, checkGuestPath } from "./input.ts";

Deno.test("checkExecRequest - accepts a command with arguments and a timeout", () => {
  assertEquals(checkExecRequest({ command: " uname ", args: ["-r"], timeoutMs: 5000 }), {
    command: "uname",
    args: ["-r"],
    timeoutMs: 5000,
  });
  assertEquals(checkExecRequest({ command: "uptime" }).args, []);
});

Deno.test("checkExecRequest - refuses each bad shape with a 400 naming the field", () => {
  const cases: [unknown, string][] = [
    [null, "Body must be a JSON object"],
    [[], "Body must be a JSON object"],
    [{}, "command is required"],
    [{ command: "  " }, "command is required"],
    [{ command: "ls", args: "-l" }, "args must be a list of strings"],
    [{ command: "ls", args: [1] }, "args must be a list of strings"],
    [{ command: "ls", args: Array(65).fill("a") }, "At most 64 arguments"],
    [{ command: "ls", args: ["x".repeat(4097)] }, "longer than 4096 bytes"],
    [{ command: "ls", timeoutMs: 0 }, "timeoutMs must be a whole number"],
    [{ command: "ls", timeoutMs: 1.5 }, "timeoutMs must be a whole number"],
    [{ command: "ls", shell: true }, "Unknown field: shell"],
  ];
  for (const [input, words] of cases) {
    const err = assertThrows(() => checkExecRequest(input), AppError);
    assertEquals(err.status, 400);
    assertEquals(err.message.includes(words), true, `${JSON.stringify(input)}: ${err.message}`);
  }
});

Deno.test("checkGuestPath - absolute, no .., no NUL", () => {
  assertEquals(checkGuestPath("/srv/files/a.txt"), "/srv/files/a.txt");
  for (const bad of [undefined, "", "rel/path", "/srv/../etc/passwd", "/a\0b", 5]) {
    assertEquals(assertThrows(() => checkGuestPath(bad), AppError).status, 400);
  }
});
