import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { fatalConnectFailure } from "./connect_failure.ts";

// libvirt's own words, as libvirt 9.0 and 11.3 give them for each case.
Deno.test("connect failure - a URI libvirt cannot take, or a local socket refused, is fatal with the fix", () => {
  assertMatch(
    fatalConnectFailure("foo:///bar", "flag", "no connection driver available for foo:///bar")!,
    /^libvirt has no driver for foo:\/\/\/bar \(--connect\): .*libvirt-daemon-system/,
  );
  assertMatch(
    fatalConnectFailure(
      "qemu:///sytem",
      "env",
      "internal error: unexpected qemu URI path '/sytem', try qemu:///system",
    )!,
    /^libvirt cannot take the URI qemu:\/\/\/sytem \(LIBVIRT_DEFAULT_URI\): .*try qemu:\/\/\/system$/,
  );
  assertMatch(
    fatalConnectFailure("not a uri", "file", "internal error: Unable to parse URI not a uri")!,
    /^libvirt cannot take the URI not a uri \(the config file's connect\)/,
  );
  assertMatch(
    fatalConnectFailure(
      "qemu:///system",
      "system",
      "Failed to connect socket to '/var/run/libvirt/libvirt-sock': Permission denied",
    )!,
    /^cannot open libvirt's socket \/var\/run\/libvirt\/libvirt-sock .*libvirt group/,
  );
  assertMatch(
    fatalConnectFailure(
      "qemu:///system",
      "system",
      "internal error: Unable to get system bus connection: Could not connect: No such file or directory",
    )!,
    /^libvirt refused this account for qemu:\/\/\/system \(the system libvirtd\)/,
  );
});

Deno.test("connect failure - a daemon that is down or a remote host away is retried, not fatal", () => {
  for (
    const [uri, error] of [
      [
        "qemu:///system",
        "Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory",
      ],
      [
        "qemu+tcp://127.0.0.1:1/system",
        "unable to connect to server at '127.0.0.1:1': Connection refused",
      ],
      ["qemu+ssh://root@far/system", "authentication failed: Failed to start SSH session"],
      ["qemu:///system", "libvirtd did not answer within 10 s (is it stopped or overloaded?)"],
    ]
  ) {
    assertEquals(fatalConnectFailure(uri, "flag", error), null, error);
  }
});
