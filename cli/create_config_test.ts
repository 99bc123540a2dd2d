import { assertEquals, assertThrows } from "../tests/support/assert.ts";
import { CREATE_DEFAULTS, createConfig, osTypeOf, parseConfigJson } from "./create_config.ts";
import { CliError } from "./errors.ts";

Deno.test("cli create - flags over the defaults", () => {
  assertEquals(
    createConfig(null, {
      memory: "2048",
      vcpus: "2",
      disk: "20",
      network: "none",
      os: "win11",
      iso: "/isos/win.iso",
      start: true,
    }, "w1"),
    {
      ...CREATE_DEFAULTS,
      name: "w1",
      memoryMb: 2048,
      cpuCount: 2,
      diskSizeGb: 20,
      network: "",
      osVariant: "win11",
      osType: "windows",
      isoPath: "/isos/win.iso",
      start: true,
    },
  );
});

Deno.test("cli create - --base-image makes a linked clone's config", () => {
  assertEquals(
    createConfig(null, { "base-image": "/var/lib/libvirt/images/debian.qcow2" }, "c1")
      .baseImagePath,
    "/var/lib/libvirt/images/debian.qcow2",
  );
});

Deno.test("cli create - a base config (file or template) keeps what no flag changes", () => {
  const base = { name: "from-file", cpuCount: 4, memoryMb: 8192, osType: "windows" };
  assertEquals(createConfig(base, { memory: "4096" }), { ...base, memoryMb: 4096 });
  // --os-type wins over what --os suggests.
  assertEquals(createConfig(base, { os: "freebsd14.0", "os-type": "linux" }).osType, "linux");
  assertEquals(createConfig(base, { name: "renamed" }).name, "renamed");
});

Deno.test("cli create - a name is needed, once", () => {
  assertEquals(assertThrows(() => createConfig(null, {}), CliError).exitCode, 2);
  const two = assertThrows(() => createConfig(null, { name: "a" }, "b"), CliError);
  assertEquals(two.message, 'two names given: "b" and --name "a"');
  assertEquals(createConfig(null, { name: "a" }, "a").name, "a");
  assertEquals(assertThrows(() => createConfig(null, { vcpus: "two" }, "a"), CliError).exitCode, 2);
});

Deno.test("cli create - OS families and JSON files", () => {
  assertEquals([osTypeOf("win2k22"), osTypeOf("debian12"), osTypeOf("freebsd14.0")], [
    "windows",
    "linux",
    "other",
  ]);
  assertEquals(parseConfigJson('{"name":"x"}', "f.json"), { name: "x" });
  assertEquals(assertThrows(() => parseConfigJson("[]", "f.json"), CliError).exitCode, 2);
  assertEquals(assertThrows(() => parseConfigJson("{", "f.json"), CliError).exitCode, 2);
});
