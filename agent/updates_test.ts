import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import { installStandins, STANDIN_UPGRADABLE } from "../tests/support/standins.ts";
import {
  parseAptUpgradable,
  parseDnfCheckUpdate,
  parsePacmanQu,
  parseRpmInstalled,
} from "./updates.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

const sample = (name: string) =>
  Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("updates - apt list --upgradable (a real Debian 12 host's output)", () => {
  const updates = parseAptUpgradable(sample("apt-list-upgradable.txt"));
  assertEquals(updates.length, 11, "every line but Listing...");
  assertEquals(updates[0], {
    name: "appstream",
    current_version: "0.16.1-2",
    new_version: "0.16.1-2+b1",
  });
  assertEquals(updates.find((u) => u.name === "ca-certificates"), {
    name: "ca-certificates",
    current_version: "20230311+deb12u1",
    new_version: "20250419~deb12u2",
  });
  assertEquals(parseAptUpgradable("Listing...\n"), []);
});

Deno.test("updates - dnf check-update with rpm's installed versions; wrapped names; obsoletes not counted", () => {
  const installed = parseRpmInstalled(
    "kernel.x86_64 5.14.0-362.18.1.el9_3\nbind-libs.x86_64 32:9.16.23-14.el9_3\n",
  );
  const updates = parseDnfCheckUpdate(sample("dnf-check-update.txt"), installed);
  assertEquals(updates.map((u) => u.name), [
    "bind-libs",
    "kernel",
    "NetworkManager-libnm",
    "python3-perf",
    "selinux-policy-targeted",
    "xorg-x11-server-Xwayland-devel",
  ]);
  assertEquals(updates[0], {
    name: "bind-libs",
    current_version: "32:9.16.23-14.el9_3",
    new_version: "32:9.16.23-14.el9_3.4",
  });
  assertEquals(updates[2].current_version, null, "not in rpm's list");
  assertEquals(updates[5].new_version, "22.1.9-5.el9_3");
  assertEquals(
    parseDnfCheckUpdate("Last metadata expiration check: 0:12:01 ago on Mon 25 Mar 2024.\n"),
    [],
  );
});

Deno.test("updates - pacman -Qu", () => {
  assertEquals(parsePacmanQu(sample("pacman-qu.txt")), [
    { name: "curl", current_version: "8.6.0-3", new_version: "8.7.1-1" },
    { name: "linux", current_version: "6.8.1.arch1-1", new_version: "6.8.2.arch2-1" },
    { name: "openssl", current_version: "3.2.1-1", new_version: "3.3.0-1" },
    { name: "vim", current_version: "9.1.0016-1", new_version: "9.1.0218-1" },
  ]);
});

Deno.test("list_updates - apt (the stand-in) answers; no package manager is said in words", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-standins-" });
  try {
    const bin = await installStandins(root);
    const config = testConfig({ command_path: `${bin}:/usr/bin:/bin` });
    const result = resultOf(await callWith(config, "list_updates", {}));
    assertEquals(result.manager, "apt");
    assertEquals(result.count, STANDIN_UPGRADABLE.length);
    assertEquals(result.updates[3], {
      name: "openssh-server",
      current_version: "1:9.2p1-2+deb12u5",
      new_version: "1:9.2p1-2+deb12u7",
    });
    errorOf(await callWith(config, "list_updates", { refresh: true }), "INVALID_PARAMS");
    const none = testConfig({ command_path: `${root}/usr/lib` });
    assertMatch(
      errorOf(await callWith(none, "list_updates", {}), "NO_PACKAGE_MANAGER").message,
      /none of apt, dnf, pacman/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
