import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkHostInput, checkUri, hostIdOf, openableUri } from "./input.ts";
import type { UriPlaces } from "./uri_policy.ts";

const refused = (input: unknown, words: string, places?: UriPlaces) => {
  const err = assertThrows(() => checkHostInput(input, places), AppError) as AppError;
  assertEquals([err.status, err.code], [400, "INVALID_HOST"]);
  assertEquals(err.message.includes(words), true, `"${err.message}" says "${words}"`);
};

Deno.test("host input - a name and a libvirt URI of the remote transports", () => {
  assertEquals(
    checkHostInput({ name: "Rack 2", uri: "qemu+ssh://root@10.0.0.2/system" }),
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
  const rule = "Invalid host name: use 1-64 characters, not starting with '-' or '.', without " +
    "'/', '<', '>', invisible or control characters, nor a space at either end";
  for (const name of ["x".repeat(65), "-x", ".x", "../x", "a/b", "</name>", "bell\x07"]) {
    refused({ name, uri: "qemu:///system" }, rule);
  }
  refused({ name: "a", uri: "" }, "Give the libvirt URI");
  refused({ name: "a", uri: "xen:///system" }, 'Unsupported URI scheme "xen"');
  refused({ name: "a", uri: "qemu+ssh://root:hunter2@h/system" }, "no password");
  refused({ name: "a", uri: "qemu+ssh://root@h/" }, "/system or /session");
  refused({ name: "a", uri: "qemu+ssh://root@h/system?keyfile=id_rsa" }, "absolute path");
  refused(
    { name: "a", uri: "qemu+ssh://root@h/system?keyfile=/nonexistent/k" },
    'URI parameter "keyfile" must name a file in',
  );
  refused({ name: "a", uri: "qemu+ssh://root@h/system x" }, "no spaces");
});

Deno.test("host input - URI parameters that run programs are refused, with what to do instead", () => {
  const instead = "Set ssh options (a jump host, another config, known hosts) in the service " +
    "user's ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// " +
    "with known_hosts=";
  for (
    const param of [
      "command=/tmp/x",
      "command=/usr/bin/ssh",
      "COMMAND=/tmp/x",
      "Command=ssh",
      "comm%61nd=/tmp/x",
      "no_tty=1&command=/tmp/x",
    ]
  ) {
    const key = decodeURIComponent(param.replace(/^no_tty=1&/, "").split("=")[0]);
    refused(
      { name: "a", uri: `qemu+ssh://root@h/system?${param}` },
      `URI parameter "${key}" is refused: it runs any program as KVM Manager's user (root) on ` +
        `this machine. ${instead}`,
    );
  }
  for (const scheme of ["qemu+ssh", "qemu+libssh", "qemu+libssh2"]) {
    refused(
      { name: "a", uri: `${scheme}://root@h/system?netcat=/tmp/nc` },
      `URI parameter "netcat" is refused: it runs a program of its choosing on the far host.`,
    );
  }
  // ssh would read "-oProxyCommand=…" as an option (newer ssh refuses such host names).
  for (
    const uri of [
      "qemu+ssh://-oProxyCommand=x/system",
      "qemu+ssh://%2DoProxyCommand=x/system",
      "qemu+ssh://-oProxyCommand=x@h/system",
    ]
  ) {
    refused({ name: "a", uri }, "The URI's host and user names cannot start with '-'");
  }
  // Still accepted: what says how to reach the daemon.
  assertEquals(
    checkUri("qemu+ssh://root@h/system?proxy=native"),
    "qemu+ssh://root@h/system?proxy=native",
  );
});

Deno.test("host input - a key file readable by others is refused, as ssh would", async () => {
  const dir = await Deno.makeTempDir();
  const places = { keys: [dir], pki: [] };
  try {
    const key = `${dir}/id_ed25519`;
    await Deno.writeTextFile(key, "not really a key\n", { mode: 0o644 });
    await Deno.chmod(key, 0o644);
    refused({ name: "a", uri: `qemu+ssh://root@h/system?keyfile=${key}` }, "chmod 600", places);
    await Deno.chmod(key, 0o600);
    const ok = checkUri(`qemu+ssh://root@h/system?keyfile=${key}`, places);
    assertEquals(ok, `qemu+ssh://root@h/system?keyfile=${key}`);
    // A known_hosts file libssh may write yet (known_hosts_verify=auto) is taken in its folder.
    const libssh = `qemu+libssh://root@h/system?known_hosts=${dir}/known_hosts&sshauth=privkey`;
    assertEquals(checkUri(libssh, places), libssh);
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
  assertEquals(openableUri("qemu+ssh://h/system?NO_TTY=0"), "qemu+ssh://h/system?NO_TTY=0");
  // libvirt splits on ';' only when the query has no '&': the same separator keeps keyfile whole.
  assertEquals(
    openableUri("qemu+ssh://h/system?keyfile=/k;sshauth=privkey"),
    "qemu+ssh://h/system?keyfile=/k;sshauth=privkey;no_tty=1",
  );
  assertEquals(openableUri("qemu+ssh://h/system?"), "qemu+ssh://h/system?no_tty=1");
  assertEquals(
    openableUri("qemu+ssh://h/system?keyfile=/k&"),
    "qemu+ssh://h/system?keyfile=/k&no_tty=1",
  );
  assertEquals(openableUri("qemu+SSH://h/system"), "qemu+SSH://h/system?no_tty=1");
  assertEquals(openableUri("qemu+tls://h/system"), "qemu+tls://h/system");
  assertEquals(openableUri("test:///default"), "test:///default");
});
