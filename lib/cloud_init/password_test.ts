// A cloud-init password in clear: checked like the other fields, and hashed on the server into
// the SHA-512 crypt hash the guest's login takes (the same as OpenSSL's `passwd -6`).

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { validateCloudInit } from "../../shared/cloud_init.ts";
import { hashPassword, withHashedPassword } from "./password.ts";
import type { CloudInitConfig } from "../../shared/vms.ts";

async function opensslCrypt(password: string, salt: string): Promise<string> {
  const out = await new Deno.Command("openssl", {
    args: ["passwd", "-6", "-salt", salt, password],
    stdout: "piped",
  }).output();
  assert(out.success, "openssl passwd -6 runs");
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("password - hashed as SHA-512 crypt with a fresh salt, as OpenSSL computes it", async () => {
  const hash = hashPassword("pa ss:wörd$");
  const salt = /^\$6\$([^$]{16})\$[./0-9A-Za-z]{86}$/.exec(hash)?.[1];
  assert(salt, hash);
  assertEquals(await opensslCrypt("pa ss:wörd$", salt), hash);
  assert(hashPassword("pa ss:wörd$") !== hash, "a new salt each time");
});

Deno.test("password - the config keeps only the hash; without a password it is unchanged", () => {
  const config: { name: string; cloudInit: CloudInitConfig } = {
    name: "vm",
    cloudInit: { user: "deploy", password: "secret one" },
  };
  const hashed = withHashedPassword(config);
  assertEquals(Object.keys(hashed.cloudInit), ["user", "passwordHash"]);
  assertMatch(hashed.cloudInit.passwordHash!, /^\$6\$/);
  assert(!JSON.stringify(hashed).includes("secret one"));
  assertEquals(config.cloudInit.password, "secret one", "the given config is not changed");
  const plain: { name: string; cloudInit: CloudInitConfig } = {
    name: "vm",
    cloudInit: { user: "deploy" },
  };
  assertEquals(withHashedPassword(plain), plain);
  assertEquals(withHashedPassword({ cloudInit: { user: "u", password: "" } }), {
    cloudInit: { user: "u" },
  });
});

Deno.test("password - needs a user, not with a hash or raw user-data, no control characters", () => {
  const issues = (ci: Record<string, unknown>) =>
    validateCloudInit(ci).map((i) => `${i.field}: ${i.message}`);
  assertEquals(issues({ user: "deploy", password: "fine one" }), []);
  assertEquals(issues({ password: "x" }), ["cloudInit.password: A password needs a user"]);
  assertEquals(issues({ user: "deploy", password: "x", passwordHash: "$6$a$b" }), [
    "cloudInit.password: Give a password or a password hash, not both",
  ]);
  assertEquals(issues({ user: "deploy", password: "two\nlines" }), [
    "cloudInit.password: A password is at most 511 bytes (a letter outside ASCII takes 2 to 4), without line breaks or control characters",
  ]);
  // Bytes count, not characters: 511 is the most the guest's crypt(3) takes.
  assertEquals(issues({ user: "deploy", password: "x".repeat(511) }), []);
  assertEquals(issues({ user: "deploy", password: "x".repeat(512) }).length, 1);
  assertEquals(issues({ user: "deploy", password: "é".repeat(255) + "x" }), []);
  assertEquals(issues({ user: "deploy", password: "é".repeat(256) }).length, 1);
  assertEquals(issues({ user: "deploy", password: "x".repeat(100_000) }).length, 1);
  assertEquals(issues({ user: "deploy", password: "x", userData: "#cloud-config\n" }), [
    "cloudInit.userData: Give either raw user-data or user, password and SSH keys, not both",
  ]);
});
