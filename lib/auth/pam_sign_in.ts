// A host account's password through PAM: whether it is right, whether the host spells the name
// so, and the role its host groups (or an admin's assignment) give. The session is opened by the
// caller (lib/auth/service.ts); every refusal is an error, some answered as a wrong password.

import { AppError } from "../errors.ts";
import type { AuthSettings } from "../../shared/auth.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Grant, UserAccess } from "./access.ts";
import type { HostAccounts } from "./pam.ts";

/**
 * A refused sign-in answered as 401 BAD_CREDENTIALS whatever the reason, so the form confirms
 * no password; `reason` and `detail` (the true ones) are for the audit log only.
 */
export class SignInRefused extends AppError {
  constructor(readonly reason: string, readonly detail: string) {
    super("BAD_CREDENTIALS", t("Wrong user name or password"));
  }
}

/** The grant a right password of `user` leads to, or why the sign-in is refused. */
export async function pamSignIn(
  { accounts, access, settings }: {
    accounts: HostAccounts;
    access: UserAccess;
    settings: AuthSettings;
  },
  { user, password, ip, pamDone }: {
    user: string;
    password: string;
    ip: string;
    /** Gives PAM's place in the sign-in queue back, once PAM has answered. */
    pamDone: () => void;
  },
): Promise<Grant | AppError> {
  const result = await accounts.authenticate(user, password, ip).finally(pamDone);
  // Factors, assignments and sessions are keyed by the name: a directory that also takes
  // "Alice" for "alice" must not lead past alice's second factor or to another grant.
  const canonical = result.ok ? await accounts.canonicalName(user) : null;
  if (result.ok && canonical !== user) {
    return canonical === null
      ? new SignInRefused("NO_ACCOUNT", t("The host's user directory knows no such account"))
      : new AppError(
        "BAD_CREDENTIALS",
        t("Sign in as {{name}}: the user name is taken as the host spells it", {
          name: canonical,
        }),
      );
  }
  if (result.ok) {
    const grant = access.grantFor(user, await accounts.groupsOf(user) ?? []);
    if (grant) return grant;
    const allowed = [
      ...settings.adminGroups,
      ...settings.operatorGroups,
      ...settings.viewerGroups,
    ].join(", ");
    return new SignInRefused(
      "NOT_ALLOWED",
      t("Account {{user}} may not use KVM Manager: only root and members of {{groups}} may", {
        user,
        groups: allowed,
      }),
    );
  }
  if (result.reason === "account-unavailable") {
    return new AppError(
      "ACCOUNT_UNAVAILABLE",
      t("Account {{user}}: {{reason}}", { user, reason: result.message }),
    );
  }
  if (result.reason === "error") {
    return new AppError("PAM_ERROR", t("Sign-in failed: {{reason}}", { reason: result.message }));
  }
  return new SignInRefused("BAD_CREDENTIALS", t("Wrong user name or password"));
}
