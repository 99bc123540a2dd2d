// /access (admins only): API tokens for scripts, and the roles assigned to host accounts.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage, listVms } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { ToastList } from "./client/toasts.tsx";
import { AccountsCard } from "./access/AccountsCard.tsx";
import { type ApiTokenInfo, listTokens, listUsers, type UsersAnswer } from "./access/api.ts";
import type { VmName } from "./access/format.ts";
import { TokensCard } from "./access/TokensCard.tsx";
import { coalesce } from "./storage/live.ts";

export default function AccessSettings(_props: Record<string, unknown>) {
  const tokens = useSignal<ApiTokenInfo[] | null>(null);
  const users = useSignal<UsersAnswer | null>(null);
  const vms = useSignal<VmName[]>([]);
  const loadError = useSignal<string | null>(null);
  const hydrated = useSignal(false);

  const readVms = async () => {
    vms.value = (await listVms()).map(({ id, name }) => ({ id, name }));
  };
  const reload = coalesce(async () => {
    try {
      const [t, u] = await Promise.all([listTokens(), listUsers(), readVms()]);
      tokens.value = t;
      users.value = u;
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    reload();
    return subscribeEvents((e) => {
      if (e.type === "vm-created" || e.type === "vm-deleted") readVms().catch(() => {});
    }, reload);
  }, []);

  return (
    <div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      <TokensCard tokens={tokens.value} vms={vms.value} ready={hydrated.value} reload={reload} />
      <AccountsCard users={users.value} vms={vms.value} ready={hydrated.value} reload={reload} />
      <ToastList />
    </div>
  );
}
