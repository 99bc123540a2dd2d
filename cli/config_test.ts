import { assert, assertEquals, assertThrows } from "../tests/support/assert.ts";
import type { GlobalFlags } from "./args.ts";
import { configPath, DEFAULT_URL, normalizeUrl, resolveSettings } from "./config.ts";
import { CliError } from "./errors.ts";

const flags = (f: Partial<GlobalFlags> = {}): GlobalFlags => ({
  json: false,
  insecure: false,
  help: false,
  ...f,
});
const envOf = (vars: Record<string, string>) => (name: string) => vars[name];
const file = (data: unknown, mode = 0o100600) => ({
  path: "/home/u/.config/kvm-manager/cli.json",
  text: JSON.stringify(data),
  mode,
});

Deno.test("cli config - flag beats environment beats file beats default", () => {
  const f = file({ url: "https://file:1", token: "kvmm_file", host: "h-file" });
  const env = envOf({ KVMM_URL: "https://env:2", KVMM_TOKEN: "kvmm_env" });
  const s = resolveSettings(flags({ url: "https://flag:3/" }), env, f);
  assertEquals([s.url, s.token, s.host], ["https://flag:3", "kvmm_env", "h-file"]);
  const none = resolveSettings(flags(), envOf({}), null);
  assertEquals([none.url, none.token, none.host, none.insecure], [DEFAULT_URL, null, null, false]);
});

Deno.test("cli config - a token in a file others can read is refused, 0600 is fine", () => {
  const err = assertThrows(
    () => resolveSettings(flags(), envOf({}), file({ token: "kvmm_x" }, 0o100644)),
    CliError,
  );
  assertEquals(err.exitCode, 2);
  assertEquals(err.code, "CONFIG");
  assertEquals(
    err.message,
    "/home/u/.config/kvm-manager/cli.json holds an API token but other users can read or " +
      "change it (mode 644): run chmod 600 /home/u/.config/kvm-manager/cli.json",
  );
  // Without a token the file holds nothing secret.
  assertEquals(
    resolveSettings(flags(), envOf({}), file({ url: "http://a:1" }, 0o100644)).url,
    "http://a:1",
  );
  assertEquals(resolveSettings(flags(), envOf({}), file({ token: "kvmm_x" })).token, "kvmm_x");
});

Deno.test("cli config - unknown keys, wrong types and bad JSON are config errors", () => {
  for (const bad of [{ tokn: "x" }, { insecure: "yes" }, { url: 5 }, [1]]) {
    assertEquals(
      assertThrows(() => resolveSettings(flags(), envOf({}), file(bad)), CliError).exitCode,
      2,
    );
  }
  const text = { path: "/x.json", text: "{", mode: 0o100600 };
  assertEquals(
    assertThrows(() => resolveSettings(flags(), envOf({}), text), CliError).code,
    "CONFIG",
  );
  // A token left unquoted: the complaint says where, never quotes the file's text.
  for (
    const broken of [
      '{"token": kvmm_0123_secret}',
      "kvmm_0123_secret",
      '{"token": "kvmm_0123_secret"} x',
    ]
  ) {
    const file = { path: "/x.json", text: broken, mode: 0o100600 };
    const err = assertThrows(() => resolveSettings(flags(), envOf({}), file), CliError);
    assert(!err.message.includes("kvmm_0"), err.message);
    assert(err.message.startsWith("/x.json is not valid JSON: "), err.message);
  }
});

Deno.test("cli config - caCert is relative to the file; insecure from the file", () => {
  const s = resolveSettings(flags(), envOf({}), file({ caCert: "server.pem", insecure: true }));
  assertEquals(s.caCertFile, "/home/u/.config/kvm-manager/server.pem");
  assertEquals(s.insecure, true);
  assertEquals(resolveSettings(flags({ caCert: "/a.pem" }), envOf({}), null).caCertFile, "/a.pem");
});

Deno.test("cli config - where the file is looked for", () => {
  assertEquals(configPath(flags(), envOf({ HOME: "/home/u" })), {
    path: "/home/u/.config/kvm-manager/cli.json",
    explicit: false,
  });
  assertEquals(
    configPath(flags(), envOf({ HOME: "/h", XDG_CONFIG_HOME: "/xdg" }))?.path,
    "/xdg/kvm-manager/cli.json",
  );
  assertEquals(configPath(flags(), envOf({ KVMM_CLI_CONFIG: "/etc/c.json" })), {
    path: "/etc/c.json",
    explicit: true,
  });
  assertEquals(
    configPath(flags({ config: "/f.json" }), envOf({ KVMM_CLI_CONFIG: "/e" }))?.path,
    "/f.json",
  );
});

Deno.test("cli config - URLs: http(s) only, no query or user, trailing slash dropped", () => {
  assertEquals(normalizeUrl("https://host:8420/"), "https://host:8420");
  assertEquals(normalizeUrl("https://host/kvm/"), "https://host/kvm");
  for (const bad of ["ftp://h", "host:8420", "https://u:p@h", "https://h/?a=1"]) {
    assertEquals(assertThrows(() => normalizeUrl(bad), CliError).exitCode, 2);
  }
  // A password or a token in the URL is not echoed back.
  const secret = "kvmm_0123_secret";
  for (
    const bad of [`https://admin:${secret}@h`, `https://h/?token=${secret}`, `ftp://u:${secret}@h`]
  ) {
    const err = assertThrows(() => normalizeUrl(bad), CliError);
    assert(!err.message.includes(secret), err.message);
  }
  assertEquals(
    assertThrows(() => normalizeUrl(`https://admin:${secret}@h/x?t=1`), CliError).message,
    '--url takes the server\'s address only, not a query or user: "https://…@h/x?…"',
  );
});
