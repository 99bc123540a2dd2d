// /access (admins only): API tokens for scripts, and the roles assigned to host accounts.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload, useVmNames } from "../components/kit/use_reload.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { AccountsCard } from "./access/AccountsCard.tsx";
import { type ApiTokenInfo, listTokens, listUsers, type UsersAnswer } from "./access/api.ts";
import { TokensCard } from "./access/TokensCard.tsx";
import { TwoFactorCard } from "./access/TwoFactorCard.tsx";
import { RealmsCard } from "./access/RealmsCard.tsx";

export default function AccessSettings(_props: Record<string, unknown>) {
  const tokens = useSignal<ApiTokenInfo[] | null>(null);
  const users = useSignal<UsersAnswer | null>(null);
  const { vms, readVms } = useVmNames();
  const hydrated = useHydrated();
  const { reload, loadError } = useReload(async () => {
    [tokens.value, users.value] = await Promise.all([listTokens(), listUsers(), readVms()]);
  });

  useEffect(() => {
    reload();
    return subscribeEvents((e) => {
      if (e.type === "vm-created" || e.type === "vm-deleted") readVms().catch(() => {});
    }, reload);
  }, []);

  return (
    <div>
      <ErrorNotice message={loadError.value} />
      <TokensCard tokens={tokens.value} vms={vms.value} ready={hydrated.value} reload={reload} />
      <AccountsCard users={users.value} vms={vms.value} ready={hydrated.value} reload={reload} />
      <TwoFactorCard ready={hydrated.value} />
      <RealmsCard ready={hydrated.value} />
    </div>
  );
}
