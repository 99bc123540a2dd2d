// Real PAM and NSS against throwaway local accounts: needs root and the passwd tools (useradd,
// groupadd, usermod, chpasswd, chage, userdel, groupdel). Fails, never skips, without them.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { PamAccounts, type PamResult } from "./pam.ts";
import { runPasswdTool as run } from "../../tests/support/host_account.ts";
import { hashPassword } from "../cloud_init/password.ts";

// No /etc/pam.d/kvm-manager on a stock host: Linux-PAM then uses /etc/pam.d/other.
const SERVICE = "kvm-manager";

interface TestAccount {
  user: string;
  group: string;
  password: string;
}

/**
 * Creates a local account with a password and one extra group, runs `fn` with it and a
 * PamAccounts, then removes both and closes the workers whatever happened.
 */
async function withAccount(fn: (account: TestAccount, accounts: PamAccounts) => Promise<void>) {
  if (Deno.uid() !== 0) {
    throw new Error("pam_test must run as root: pam_unix reads /etc/shadow, useradd needs root");
  }
  const tag = crypto.randomUUID().slice(0, 8);
  const account = {
    user: `kvmm-pam-${tag}`,
    group: `kvmm-pamg-${tag}`,
    // A space and non-ASCII letters check the password reaches PAM as the same UTF-8.
    password: `Tëst pässwörd ${crypto.randomUUID()}`,
  };
  const accounts = new PamAccounts(SERVICE);
  let created = false;
  try {
    await run("groupadd", [account.group]);
    await run("useradd", ["-M", "-s", "/usr/sbin/nologin", account.user]);
    created = true;
    await run("usermod", ["-aG", account.group, account.user]);
    await run("chpasswd", [], `${account.user}:${account.password}\n`);
    await fn(account, accounts);
  } finally {
    accounts.close();
    if (created) await run("userdel", [account.user]);
    await run("groupdel", [account.group]);
    // userdel removes the private group when USERGROUPS_ENAB is on; otherwise it is still there.
    if (created) await run("groupdel", [account.user]).catch(() => {});
  }
}

const BAD: PamResult = {
  ok: false,
  reason: "bad-credentials",
  message: "Wrong user name or password",
};

Deno.test("pam - the right password signs in; a wrong one and an unknown user look the same", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    const [right, wrong, unknown] = await Promise.all([
      accounts.authenticate(user, password, "192.0.2.10"), // also sets PAM_RHOST
      accounts.authenticate(user, password + "x"),
      accounts.authenticate(`kvmm-pam-nobody-${crypto.randomUUID().slice(0, 6)}`, password),
    ]);
    assertEquals(right, { ok: true });
    assertEquals(wrong, BAD);
    assertEquals(unknown, BAD);
  });
});

Deno.test("pam - implausible names and passwords are refused without asking PAM", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    const implausible = () =>
      Promise.all([
        // Cut at the NUL, C would see the right password: it must never get that far.
        accounts.authenticate(user, password + "\0ignored"),
        accounts.authenticate(user, "\0"),
        accounts.authenticate(user, ""),
        accounts.authenticate(user, "x".repeat(4097)),
        accounts.authenticate(user, "é".repeat(2049)), // 4098 bytes in 2049 characters
        ...["", "-rf", "a b", "../etc", "root;id", "x".repeat(33), "námé", "a\0b", "a\n"]
          .map((name) => accounts.authenticate(name, password)),
      ]);
    for (const result of await implausible()) assertEquals(result, BAD);
    // PAM was never asked: with its workers closed, a question for PAM answers "error" (the
    // right password here), and these are still refused as before.
    accounts.close();
    const asked = await accounts.authenticate(user, password);
    assertEquals(asked.ok ? "ok" : asked.reason, "error");
    for (const result of await implausible()) assertEquals(result, BAD);
  });
});

Deno.test("pam - a locked account cannot sign in", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    await run("usermod", ["-L", user]);
    const result = await accounts.authenticate(user, password);
    assert(!result.ok, "locked account refused");
    // usermod -L puts "!" before the hash, so pam_unix sees a wrong password.
    assertEquals(result, BAD);
  });
});

Deno.test("pam - an expired account or password is account-unavailable", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    await run("chage", ["-d", "0", user]); // the password must be changed at next login
    const mustChange = await accounts.authenticate(user, password);
    assertEquals(mustChange.ok ? "ok" : mustChange.reason, "account-unavailable");

    await run("chage", ["-d", "-1", "-E", "0", user]); // the account expired in 1970
    const expired = await accounts.authenticate(user, password);
    assertEquals(expired.ok ? "ok" : expired.reason, "account-unavailable");
    assert(!expired.ok && !expired.message.includes(password), "message is safe to show");
  });
});

Deno.test("pam - groupsOf lists the primary group first, then supplementary groups", async () => {
  await withAccount(async ({ user, group }, accounts) => {
    const groups = await accounts.groupsOf(user);
    assert(groups, "the account exists");
    // Debian's useradd makes a private primary group named after the user.
    assertEquals(groups[0], user);
    assert(groups.includes(group), `${group} in ${groups.join(",")}`);
    assertEquals(new Set(groups).size, groups.length);

    assertEquals((await accounts.groupsOf("root"))?.[0], "root");
    assertEquals(
      await accounts.groupsOf(`kvmm-pam-nobody-${crypto.randomUUID().slice(0, 6)}`),
      null,
    );
    assertEquals(await accounts.groupsOf("../etc"), null);
  });
});

Deno.test("pam - a failing sign-in does not stall the main thread", async () => {
  await withAccount(async ({ user }, accounts) => {
    let settledAt = 0;
    const started = performance.now();
    const failing = accounts.authenticate(user, "wrong password").then((r) => {
      settledAt = performance.now();
      return r;
    });
    // Give the worker time to start and get into pam_authenticate first.
    await new Promise((r) => setTimeout(r, 200));
    // A thread stalled in PAM could fire no timer before PAM answered: this one fires first.
    await new Promise((r) => setTimeout(r, 50));
    assertEquals(settledAt, 0, "PAM was still busy when the timer fired");
    assertEquals(await failing, BAD);
    // pam_unix asks for 2 s; libpam randomizes it within 1-3 s. The check really was slow.
    assert(settledAt - started > 900, `failure took ${(settledAt - started).toFixed(0)} ms`);
  });
});

Deno.test("pam - two concurrent sign-ins each get their own answer", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    for (let round = 0; round < 2; round++) {
      const settled: string[] = [];
      const [wrong, right] = await Promise.all([
        accounts.authenticate(user, `${password}-${round}`).finally(() => settled.push("wrong")),
        accounts.authenticate(user, password).finally(() => settled.push("right")),
      ]);
      assertEquals(wrong, BAD);
      assertEquals(right, { ok: true });
      // On a second worker the right password does not wait out the wrong one's fail delay.
      assertEquals(settled, ["right", "wrong"]);
    }
  });
});

Deno.test("pam - after close, sign-in answers error and no worker is left", async () => {
  await withAccount(async ({ user, password }, accounts) => {
    assertEquals(await accounts.authenticate(user, password), { ok: true });
    accounts.close();
    accounts.close(); // idempotent
    const after = await accounts.authenticate(user, password);
    assertEquals(after.ok ? "ok" : after.reason, "error");
  });
});

Deno.test("pam - the canonical name is the account's pw_name through NSS (root, no account made)", async () => {
  const accounts = new PamAccounts(SERVICE);
  try {
    assertEquals(await accounts.canonicalName("root"), "root");
    // /etc/passwd matches exactly; a case-insensitive directory would answer "root" here.
    assertEquals(await accounts.canonicalName("Root"), null);
    assertEquals(await accounts.canonicalName("root\0x"), null);
    assertEquals(await accounts.canonicalName("../root"), null);
  } finally {
    accounts.close();
  }
});

Deno.test("pam - a cloud-init password's hash, put in /etc/shadow, signs in with the password in clear", async () => {
  // What a guest's login checks: the seed's `passwd` (lib/cloud_init/password.ts) in the shadow
  // file, through Linux-PAM's pam_unix and libcrypt.
  await withAccount(async ({ user }, accounts) => {
    const clear = `seed ${crypto.randomUUID()} ü`;
    await run("usermod", ["-p", hashPassword(clear), user]);
    assertEquals(await accounts.authenticate(user, clear), { ok: true });
    assertEquals(await accounts.authenticate(user, `${clear}x`), BAD);
  });
});
