import { assertEquals } from "../tests/support/assert.ts";
import { osLabel, osName } from "./os_names.ts";

// Each pair is an id with its name in osinfo-db (lib/vms/osinfo.ts reads the same catalogue).
const CATALOGUE: [string, string][] = [
  ["debian10", "Debian 10"],
  ["debian12", "Debian 12"],
  ["ubuntu22.04", "Ubuntu 22.04 LTS"],
  ["ubuntu21.10", "Ubuntu 21.10"],
  ["fedora32", "Fedora 32"],
  ["fedora37", "Fedora Linux 37"],
  ["rhel9.1", "Red Hat Enterprise Linux 9.1"],
  ["centos-stream9", "CentOS Stream 9"],
  ["centos8", "CentOS 8"],
  ["almalinux9", "AlmaLinux 9"],
  ["rocky8", "Rocky Linux 8"],
  ["ol7.9", "Oracle Linux 7.9"],
  ["opensuse15.4", "openSUSE Leap 15.4"],
  ["opensuse13.2", "openSUSE 13.2"],
  ["opensusetumbleweed", "openSUSE Tumbleweed"],
  ["sles12sp5", "SUSE Linux Enterprise Server 12 SP5"],
  ["alpinelinux3.17", "Alpine Linux 3.17"],
  ["freebsd13.1", "FreeBSD 13.1"],
  ["nixos-21.05", "NixOS 21.05"],
  ["popos20.04", "Pop!_OS 20.04"],
  ["silverblue36", "Fedora Silverblue 36"],
  ["gentoo", "Gentoo Linux"],
  ["fedora-unknown", "Fedora"],
  ["win10", "Microsoft Windows 10"],
  ["win2k22", "Microsoft Windows Server 2022"],
  ["win2k12r2", "Microsoft Windows Server 2012 R2"],
  ["generic-linux", "Generic Linux"],
];

Deno.test("os_names - names the common families as the catalogue does", () => {
  for (const [id, name] of CATALOGUE) assertEquals(osName(id), name, id);
});

Deno.test("os_names - an id it does not know has no name", () => {
  assertEquals(osName("haiku-nightly"), null);
  assertEquals(osName("fedora-coreos-stable"), null);
  assertEquals(osName("debianish"), null);
});

Deno.test("os_names - a label is the name with the id as its hint, else the type's word", () => {
  assertEquals(osLabel({ osVariant: "debian10", osType: "linux" }), {
    name: "Debian 10",
    hint: "debian10",
  });
  assertEquals(osLabel({ osVariant: "haiku-nightly", osType: "other" }), {
    name: "haiku-nightly",
    hint: null,
  });
  assertEquals(osLabel({ osType: "windows" }), { name: "Windows", hint: null });
  assertEquals(osLabel({ osVariant: "", osType: "other" }), { name: "Other OS", hint: null });
  assertEquals(osLabel({}), { name: "—", hint: null });
});
