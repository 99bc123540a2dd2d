import { assertEquals, assertThrows } from "../testing/assert.ts";
import { AppError } from "../errors.ts";
import { checkHostInput, checkUri, hostIdOf, openableUri } from "./input.ts";

const refused = (input: unknown, words: string) => {
  const err = assertThrows(() => checkHostInput(input), AppError) as AppError;
  assertEquals([err.status, err.code], [400, "INVALID_HOST"]);
  assertEquals(err.message.includes(words), true, `"${err.message}" says "${words}"`);
};

Deno.test("host input - a name and a libvirt URI of the remote transports", () => {
  assertEquals(
    checkHostInput({ name: " Rack 2 ", uri: "qemu+ssh://root@10.0.0.2/system" }),
    { id: "rack-2", name: "Rack 2", uri: "qemu+ssh://root@10.0.0.2/system" },
  );
  assertEquals(checkUri("qemu+tls://kvm1.example/system"), "qemu+tls://kvm1.example/system");
  assertEquals(checkUri("qemu+tcp://127.0.0.1:16509/system"), "qemu+tcp://127.0.0.1:16509/system");
  assertEquals(checkUri("test:///default"), "test:///default");
  assertEquals(hostIdOf("Ünïcode Höst!"), "unicode-host");
});

Deno.test("host input - each mistake is refused with what to do", () => {
  refused(null, "JSON object");
  refused({ uri: "qemu:///system" }, "Give the host a name");
  refused({ name: "local", uri: "qemu:///system" }, "reserved");
  refused({ name: "All", uri: "qemu:///system" }, "reserved");
  refused({ name: "!!!", uri: "qemu:///system" }, "at least one letter");
  refused({ name: "x".repeat(65), uri: "qemu:///system" }, "at most 64");
  refused({ name: "a", uri: "" }, "Give the libvirt URI");
  refused({ name: "a", uri: "xen:///system" }, 'Unsupported URI scheme "xen"');
  refused({ name: "a", uri: "qemu+ssh://root:hunter2@h/system" }, "no password");
  refused({ name: "a", uri: "qemu+ssh://root@h/" }, "/system or /session");
  refused({ name: "a", uri: "qemu+ssh://root@h/system?netcat=/bin/nc" }, '"netcat"');
  refused({ name: "a", uri: "qemu+ssh://root@h/system?command=ssh" }, "absolute path");
  refused({ name: "a", uri: "qemu+ssh://root@h/system?keyfile=id_rsa" }, "absolute path");
  refused({ name: "a", uri: "qemu+ssh://root@h/system?keyfile=/nonexistent/k" }, "Cannot read");
  refused({ name: "a", uri: "qemu+ssh://root@h/system x" }, "no spaces");
});

Deno.test("host input - a key file readable by others is refused, as ssh would", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const key = `${dir}/id_ed25519`;
    await Deno.writeTextFile(key, "not really a key\n", { mode: 0o644 });
    await Deno.chmod(key, 0o644);
    refused({ name: "a", uri: `qemu+ssh://root@h/system?keyfile=${key}` }, "chmod 600");
    await Deno.chmod(key, 0o600);
    const ok = checkUri(`qemu+ssh://root@h/system?keyfile=${key}`);
    assertEquals(ok, `qemu+ssh://root@h/system?keyfile=${key}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("host input - SSH connections never prompt on the server's terminal", () => {
  assertEquals(openableUri("qemu+ssh://h/system"), "qemu+ssh://h/system?no_tty=1");
  assertEquals(
    openableUri("qemu+ssh://h/system?keyfile=/k"),
    "qemu+ssh://h/system?keyfile=/k&no_tty=1",
  );
  assertEquals(openableUri("qemu+ssh://h/system?no_tty=0"), "qemu+ssh://h/system?no_tty=0");
  assertEquals(openableUri("qemu+tls://h/system"), "qemu+tls://h/system");
  assertEquals(openableUri("test:///default"), "test:///default");
});
