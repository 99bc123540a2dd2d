// The two-factor card of /access: which roles must sign in with a second factor (their accounts
// set one up at the next sign-in), the accounts that have one, and resetting an account's.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type Role, ROLES } from "../../shared/auth.ts";
import { Card } from "../../components/kit/Card.tsx";
import { type Column, DataTable, keyedRows } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { Checkbox } from "../../components/kit/controls.tsx";
import { AskNamedDialog } from "../../components/kit/Dialog.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { t } from "../../shared/i18n/t.ts";
import { roleName } from "./format.ts";
import { requireRoles, resetAccount, type TwoFactorPolicy, twoFactorPolicy } from "../twofa/api.ts";

type Account = TwoFactorPolicy["accounts"][number];

export function TwoFactorCard({ ready }: { ready: boolean }) {
  const policy = useSignal<TwoFactorPolicy | null>(null);
  const { busy, error, run: request } = useBusyCall();
  const doomed = useConfirm<Account>();
  const run = (call: () => Promise<TwoFactorPolicy>) =>
    request(async () => {
      policy.value = await call();
    });
  useEffect(() => {
    run(twoFactorPolicy);
  }, []);
  const required = policy.value?.requiredRoles ?? [];
  const columns: Column<Account>[] = [
    { id: "account", header: t("Account"), cell: (a) => a.user },
    { id: "totp", header: t("Authenticator app"), cell: (a) => a.totp ? t("Yes") : t("No") },
    { id: "keys", header: t("Security keys"), numeric: true, cell: (a) => a.keys },
    { id: "codes", header: t("Recovery codes"), numeric: true, cell: (a) => a.recoveryLeft },
    actionList({ name: (a) => a.user, busy: !ready || busy.value }, [
      {
        action: t("Reset 2FA"),
        label: (a) => t("Reset 2FA of {{user}}", { user: a.user }),
        kind: "danger",
        run: doomed.ask,
      },
    ]),
  ];
  const toggle = (role: Role, on: boolean) =>
    run(() => requireRoles(on ? [...required, role] : required.filter((r) => r !== role)));
  return (
    <Card
      id="twofa"
      title={t("Two-factor sign-in")}
      intro={t(
        "Accounts of a role that requires a second factor set one up at their next sign-in. API tokens are not affected.",
      )}
    >
      <fieldset class="twofa-roles">
        <legend>{t("Require a second factor for")}</legend>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`twofa-require-${role}`}
            label={roleName(role)}
            checked={required.includes(role)}
            disabled={!ready || !policy.value || busy.value}
            onChecked={(on) => toggle(role, on)}
          />
        ))}
      </fieldset>
      <ErrorNotice message={error.value} />
      <DataTable
        label={t("Accounts with a second factor")}
        class="twofa-accounts"
        {...loadedRows(
          policy.value?.accounts ?? null,
          t("Loading…"),
          t("No account has a second factor yet."),
        )}
        {...keyedRows("data-account", (a: Account) => a.user)}
        columns={columns}
      />
      <AskNamedDialog
        confirm={doomed}
        nameKey="user"
        title={t("Reset two-factor sign-in")}
        question={t(
          "Remove every second factor and recovery code of {{user}}? They sign in with their password alone, or set up a factor again if their role requires one.",
          { user: "{{user}}" },
        )}
        confirmLabel={t("Reset 2FA")}
        onConfirm={(a) => run(() => resetAccount(a.user))}
      />
    </Card>
  );
}
