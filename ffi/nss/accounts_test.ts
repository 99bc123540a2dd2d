// NSS lookups on this host's own accounts (root is always there; nothing is created): the name
// as the directory spells it, and the groups.

import { assertEquals } from "../../tests/support/assert.ts";
import { accountGroups, accountName } from "./accounts.ts";

Deno.test("nss - an account's name is answered as the directory keeps it (pw_name)", async () => {
  assertEquals(await accountName("root"), "root");
  // /etc/passwd matches names exactly: another letter case is no account there.
  assertEquals(await accountName("ROOT"), null);
  assertEquals(await accountName(`kvmm-nobody-${crypto.randomUUID().slice(0, 8)}`), null);
  assertEquals((await accountGroups("root"))?.[0], "root");
});
