import { assert, assertEquals } from "../../tests/support/assert.ts";
import { compareVersions, matchPattern, newestMatch } from "./file_pattern.ts";

Deno.test("file pattern - * and ? match with what each stood for", () => {
  assertEquals(
    matchPattern(
      "Fedora-Cloud-Base-Generic-43-*.x86_64.qcow2",
      "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
    ),
    ["1.6"],
  );
  assertEquals(
    matchPattern(
      "nocloud_alpine-3.23.*-x86_64-bios-cloudinit-r*.qcow2",
      "nocloud_alpine-3.23.2-x86_64-bios-cloudinit-r0.qcow2",
    ),
    ["2", "0"],
  );
  assertEquals(
    matchPattern("ubuntu-24.04*-live-server-amd64.iso", "ubuntu-24.04-live-server-amd64.iso"),
    [""],
  );
  assertEquals(matchPattern("a?c*", "abcdef"), ["b", "def"]);
  assertEquals(
    matchPattern("debian-13.*-amd64-netinst.iso", "debian-edu-13.2.0-amd64-netinst.iso"),
    null,
  );
  assertEquals(matchPattern("*.iso", "x.iso.sha256"), null);
  assertEquals(matchPattern("x.iso", "x.iso"), []);
  // Many stars against a long name that almost matches stay quick: no exponential backtracking,
  // at most pattern × name steps (counted, not timed).
  const pattern = "*a*a*a*a*a*a*a*a*b";
  const count = { steps: 0 };
  assertEquals(matchPattern(pattern, "a".repeat(250), count), null);
  assert(count.steps <= pattern.length * 250, `${count.steps} steps`);
});

Deno.test("file pattern - versions in order, the newest match picked", () => {
  assertEquals(compareVersions("1.10", "1.6"), 1);
  assertEquals(compareVersions("", ".3"), -1);
  assertEquals(compareVersions("13.2.0", "13.10.0"), -1);
  assertEquals(compareVersions("2", "2"), 0);
  const names = [
    "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
    "Fedora-Cloud-Base-Generic-43-1.10.x86_64.qcow2",
    "Fedora-Cloud-Base-Generic-43-1.9.x86_64.raw.xz",
    "Fedora-Cloud-Base-Generic-44-1.1.x86_64.qcow2",
  ];
  assertEquals(
    newestMatch("Fedora-Cloud-Base-Generic-43-*.x86_64.qcow2", names),
    "Fedora-Cloud-Base-Generic-43-1.10.x86_64.qcow2",
  );
  assertEquals(
    newestMatch("ubuntu-24.04*-live-server-amd64.iso", [
      "ubuntu-24.04.3-live-server-amd64.iso",
      "ubuntu-24.04-live-server-amd64.iso",
      "ubuntu-24.04.3-desktop-amd64.iso",
    ]),
    "ubuntu-24.04.3-live-server-amd64.iso",
  );
  assertEquals(newestMatch("nothing-*.iso", names), null);
});
