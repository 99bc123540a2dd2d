import { assertEquals } from "../../tests/support/assert.ts";
import { sshCommandFor, sshTunnelFor } from "./ssh_command.ts";

const BASE = ["ssh", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o"];

Deno.test("ssh command - a qemu+ssh URI's user, port and key; the host key checked", () => {
  assertEquals(
    sshCommandFor("qemu+ssh://admin@rack-2.example:2222/system?keyfile=/k/id&no_tty=1", "true"),
    [
      ...BASE,
      "ClearAllForwardings=yes",
      "-p",
      "2222",
      "-l",
      "admin",
      "-i",
      "/k/id",
      "-o",
      "StrictHostKeyChecking=yes",
      "--",
      "rack-2.example",
      "true",
    ],
  );
});

Deno.test("ssh command - libssh's known_hosts and its verify choice; an IPv6 host", () => {
  const argv = sshCommandFor(
    "qemu+libssh://root@[fd00::2]/system?known_hosts=/k/hosts&known_hosts_verify=auto",
    "true",
  );
  assertEquals(argv?.slice(-8), [
    "root",
    "-o",
    "UserKnownHostsFile=/k/hosts",
    "-o",
    "StrictHostKeyChecking=accept-new",
    "--",
    "fd00::2",
    "true",
  ]);
  assertEquals(
    sshCommandFor("qemu+ssh://h/system?no_verify=1", "true")?.slice(-4),
    ["StrictHostKeyChecking=no", "--", "h", "true"],
  );
});

Deno.test("ssh command - not for other transports, nor for a host or user read as an option", () => {
  for (
    const uri of [
      "qemu:///system",
      "qemu+tls://h/system",
      "qemu+tcp://h/system",
      "test:///default",
      "qemu+ssh://-oProxyCommand=x/system",
      "qemu+ssh://-x@h/system",
      "not a uri",
    ]
  ) assertEquals(sshCommandFor(uri, "true"), null, uri);
});

Deno.test("sshTunnelFor - ssh -W to the far host's own address, with the URI's account and keys", () => {
  assertEquals(
    sshTunnelFor("qemu+libssh://root@10.0.0.5:2222/system?keyfile=/k/id", "127.0.0.1", 5901),
    [
      "ssh",
      "-T",
      "-o",
      "BatchMode=yes",
      "-o",
      "ConnectTimeout=10",
      "-o",
      "ClearAllForwardings=yes",
      "-p",
      "2222",
      "-l",
      "root",
      "-i",
      "/k/id",
      "-o",
      "StrictHostKeyChecking=yes",
      "-W",
      "127.0.0.1:5901",
      "--",
      "10.0.0.5",
    ],
  );
  assertEquals(sshTunnelFor("qemu+ssh://h/system", "::1", 5900)?.slice(-4), [
    "-W",
    "[::1]:5900",
    "--",
    "h",
  ]);
  assertEquals(sshTunnelFor("qemu+tls://h/system", "127.0.0.1", 5900), null);
});
