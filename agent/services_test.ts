import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { installStandins, STANDIN_SERVICES, standinState } from "../tests/support/standins.ts";
import {
  mergeServices,
  parseShow,
  parseSystemdVersion,
  parseUnitFilesJson,
  parseUnitFilesPlain,
  parseUnitsJson,
  parseUnitsPlain,
} from "./services.ts";
import { serviceAllowed, servicePattern, serviceUnit } from "./service_names.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

const sample = (name: string) =>
  Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("services - systemctl's JSON and plain list-units give the same services", () => {
  const json = parseUnitsJson(sample("list-units-json.txt"))!;
  const plain = parseUnitsPlain(sample("list-units-plain.txt"));
  assertEquals(json.length, 6);
  assertEquals(plain.length, 9);
  for (const unit of json) assertEquals(plain.find((u) => u.name === unit.name), unit);
  assertEquals(plain.find((u) => u.name === "nginx.service"), {
    name: "nginx.service",
    description: "A high performance web server and a reverse proxy server",
    load_state: "loaded",
    active_state: "failed",
    sub_state: "failed",
    file_state: null,
  });
  assertEquals(plain.find((u) => u.name === "exim4.service")?.load_state, "not-found");
  // Not JSON (an older systemctl that printed its table): the caller falls back to the plain call.
  assertEquals(parseUnitsJson(sample("list-units-plain.txt")), null);
});

Deno.test("services - unit files (real systemd 252 output) give each service's state; merged without templates or aliases", () => {
  const json = parseUnitFilesJson(sample("list-unit-files-json.txt"))!;
  const plain = parseUnitFilesPlain(sample("list-unit-files-plain.txt"));
  assertEquals(json, plain);
  assertEquals(json.get("apparmor.service"), "enabled");
  assertEquals(json.get("console-getty.service"), "disabled");
  assertEquals(json.get("cryptdisks.service"), "masked");
  const merged = mergeServices(parseUnitsJson(sample("list-units-json.txt"))!, json);
  const names = merged.map((s) => s.name);
  assertEquals(names, [...names].sort((a, b) => a.localeCompare(b)));
  assertEquals(merged.find((s) => s.name === "apparmor.service")?.file_state, "enabled");
  // Loaded, no unit file of that name in the sample: null.
  assertEquals(merged.find((s) => s.name === "ssh.service")?.file_state, null);
  // A unit file never loaded: inactive; a masked one: masked.
  assertEquals(merged.find((s) => s.name === "console-getty.service"), {
    name: "console-getty.service",
    description: "",
    load_state: "loaded",
    active_state: "inactive",
    sub_state: "dead",
    file_state: "disabled",
  });
  assertEquals(merged.find((s) => s.name === "cryptdisks.service")?.load_state, "masked");
  assert(!names.includes("autovt@.service"), "templates are not listed");
  assert(!names.includes("dbus-org.freedesktop.Avahi.service"), "aliases are not listed");
});

Deno.test("services - systemctl --version and show", () => {
  assertEquals(parseSystemdVersion("systemd 252 (252.39-1~deb12u2)\n+PAM +AUDIT"), 252);
  assertEquals(parseSystemdVersion("systemd 247 (247.3-7+deb11u4)"), 247);
  assertEquals(parseSystemdVersion("not systemd"), null);
  assertEquals(parseShow(sample("systemctl-show.txt"), "ssh.service"), {
    name: "ssh.service",
    description: "OpenBSD Secure Shell server",
    load_state: "loaded",
    active_state: "active",
    sub_state: "running",
    file_state: "enabled",
  });
  assertEquals(parseShow("Id=x.service\nUnitFileState=\n", "x.service").file_state, null);
});

Deno.test("services - names and patterns are strict; * matches any characters", () => {
  assertEquals(serviceUnit("ssh"), { unit: "ssh.service" });
  assertEquals(serviceUnit("getty@tty1.service"), { unit: "getty@tty1.service" });
  for (
    const bad of ["", "-x", "--help", "a b", "a;b", "x.socket", "../x", "a/b", "x".repeat(250)]
  ) {
    assert("problem" in serviceUnit(bad), bad);
  }
  assertEquals(servicePattern("app-*"), { pattern: "app-*.service" });
  assert("problem" in servicePattern("app-?"));
  assert(serviceAllowed("app-web.service", ["app-*.service"]));
  assert(!serviceAllowed("myapp-web.service", ["app-*.service"]));
  assert(serviceAllowed("ssh.service", ["*"].map((p) => `${p}.service`)));
  assert(!serviceAllowed("sshXservice", ["ssh.service"]), "a dot is a dot");
  assert(!serviceAllowed("ssh.service", []));
});

/** A directory with the stand-in systemctl and apt (tests/support/standins) on a command_path. */
async function withStandins(fn: (root: string, path: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "kvmm-standins-" });
  try {
    const bin = await installStandins(root);
    await fn(root, `${bin}:/usr/bin:/bin`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("list_services and service_action - through systemctl (the stand-in): allowed by config and host policy, refused in words otherwise", async () => {
  await withStandins(async (root, command_path) => {
    const config = testConfig({ command_path, allowed_services: ["kvmm-*", "cron"] });
    const listed = resultOf(
      await callWith(config, "list_services", {
        policy: { allowed_services: ["kvmm-demo"] },
      }),
    );
    assertEquals(listed.systemd_version, 252);
    assertEquals(listed.truncated, false);
    assertEquals(
      listed.services.map((s: { name: string }) => s.name),
      Object.keys(STANDIN_SERVICES),
    );
    const allowed = Object.fromEntries(
      listed.services.map((s: { name: string; allowed: boolean }) => [s.name, s.allowed]),
    );
    // cron: the config allows it, the host policy does not.
    assertEquals(allowed, {
      "cron.service": false,
      "kvmm-demo.service": true,
      "report-mailer.service": false,
      "ssh.service": false,
    });
    const demo = listed.services.find((s: { name: string }) => s.name === "kvmm-demo.service");
    assertEquals(demo.file_state, "enabled");
    assertEquals(demo.description, STANDIN_SERVICES["kvmm-demo.service"].description);

    const policy = { allowed_services: ["kvmm-demo.service", "cron"] };
    const stopped = resultOf(
      await callWith(config, "service_action", { name: "kvmm-demo", action: "stop", policy }),
    );
    assertEquals([stopped.service.active_state, stopped.service.sub_state], ["inactive", "dead"]);
    assertEquals((await standinState(root, "kvmm-demo.service")).active, "inactive");
    const restarted = resultOf(
      await callWith(config, "service_action", { name: "kvmm-demo", action: "restart", policy }),
    );
    assertEquals(restarted.service.active_state, "active");
    assertEquals(await standinState(root, "kvmm-demo.service"), {
      active: "active",
      sub: "running",
      restarts: 1,
    });

    const refusals = [
      [
        { name: "ssh", action: "restart", policy },
        /"ssh.service" is not on the agent's allowed_services/,
      ],
      [
        { name: "kvmm-demo", action: "stop", policy: { allowed_services: ["cron"] } },
        /"kvmm-demo.service" is not on the host policy's allowed services/,
      ],
      // A host policy without the list allows none.
      [{ name: "cron", action: "stop", policy: {} }, /host policy's allowed services/],
    ] as const;
    for (const [params, words] of refusals) {
      assertMatch(
        errorOf(await callWith(config, "service_action", params), "SERVICE_NOT_ALLOWED").message,
        words,
      );
    }
    assertEquals((await standinState(root, "ssh.service")).active, "active", "left alone");
    for (
      const params of [
        { name: "--help", action: "stop" },
        { name: "ssh", action: "reload" },
        { name: "ssh", action: "stop", extra: 1 },
        { name: "kvmm-demo", action: "stop", policy: { allowed_services: ["a b"] } },
      ]
    ) {
      errorOf(await callWith(config, "service_action", params), "INVALID_PARAMS");
    }
    // Allowed, but systemd does not know it: systemctl's own words.
    const gone = testConfig({ command_path, allowed_services: ["*"] });
    assertMatch(
      errorOf(
        await callWith(gone, "service_action", { name: "nope", action: "start" }),
        "SERVICE_FAILED",
      ).message,
      /Unit nope.service not found/,
    );
  });
});

Deno.test("list_services - a guest without systemctl says so", async () => {
  const empty = await Deno.makeTempDir({ prefix: "kvmm-nosystemd-" });
  try {
    const config = testConfig({ command_path: empty });
    assertMatch(
      errorOf(await callWith(config, "list_services", {}), "NO_SERVICE_MANAGER").message,
      /systemctl is not on the agent's command_path/,
    );
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});
