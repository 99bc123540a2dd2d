// Signs in as USER with each password on stdin (one a line) through the product's PAM path (lib/auth/pam.ts,
// service kvm-manager, which a stock host maps to /etc/pam.d/other); prints each result as JSON.
// Run as a process of its own where the account lives: inside the namespace of
// tests/cloud_init_password_test.ts, whose /etc is an overlay the host never sees.

import { PamAccounts } from "../../lib/auth/pam.ts";

const [user] = Deno.args;
if (!user) throw new Error("usage: pam_sign_in.ts USER < passwords");
const passwords = (await new Response(Deno.stdin.readable).text()).replace(/\n$/, "").split("\n");
const accounts = new PamAccounts("kvm-manager");
try {
  for (const password of passwords) {
    console.log(JSON.stringify(await accounts.authenticate(user, password)));
  }
} finally {
  accounts.close();
}
