import { assertEquals } from "../tests/support/assert.ts";
import { textOutput, writeInput } from "./command_io.ts";

const piped = (script: string) =>
  new Deno.Command("sh", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

Deno.test("command io - the input is read whole and the output comes back as text", async () => {
  const child = piped("cat; echo 'ü' >&2; exit 3");
  await writeInput(child, "a\nb ✓\n");
  assertEquals(textOutput(await child.output()), { code: 3, stdout: "a\nb ✓\n", stderr: "ü\n" });
});

Deno.test("command io - a command that reads none of a large input does not hang the write", async () => {
  const child = piped("echo done");
  await writeInput(child, "x".repeat(4 * 1024 * 1024));
  assertEquals(textOutput(await child.output()), { code: 0, stdout: "done\n", stderr: "" });
});
