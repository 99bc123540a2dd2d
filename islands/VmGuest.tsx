// The Guest card of /vms/:id: which agents answer, the guest's OS, hostname, addresses and
// filesystems, who is logged in and the busiest processes, and (when our agent answers) services,
// pending updates, commands and files, (when QEMU's does) freeze and thaw. Re-read on "vm-state-changed" and "guest-changed" events for this VM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { GuestInfo } from "../shared/guest.ts";
import type { AppEvent } from "../shared/events.ts";
import type { VmState } from "../shared/vms.ts";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { ActivityPanel } from "./guest/ActivityPanel.tsx";
import { AgentStatus } from "./guest/AgentStatus.tsx";
import { AgentUpdatePanel } from "./guest/AgentUpdatePanel.tsx";
import { ClockPanel } from "./guest/ClockPanel.tsx";
import { getGuestInfo } from "./guest/api.ts";
import { CommandForm } from "./guest/CommandForm.tsx";
import { FilesPanel } from "./guest/FilesPanel.tsx";
import { FreezePanel } from "./guest/FreezePanel.tsx";
import { GuestFacts } from "./guest/GuestFacts.tsx";
import { ServicesPanel } from "./guest/ServicesPanel.tsx";
import { UpdatesPanel } from "./guest/UpdatesPanel.tsx";
import { Button } from "../components/kit/Button.tsx";
import { coalesce } from "../components/client/coalesce.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vmId: string;
  state: VmState;
  [key: string]: unknown;
}

export default function VmGuest({ vmId, state: initialState }: Props) {
  const info = useSignal<GuestInfo | null>(null);
  const state = useSignal(initialState);
  const loadError = useSignal<string | null>(null);
  const loading = useSignal(false);
  const hydrated = useSignal(false);

  const reload = coalesce(async () => {
    loading.value = true;
    try {
      info.value = await getGuestInfo(vmId);
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  });

  useEffect(() => {
    hydrated.value = true;
    reload();
    const onEvent = (e: AppEvent) => {
      if (e.type === "vm-state-changed" && e.id === vmId) {
        state.value = e.state;
        reload();
      } else if (e.type === "guest-changed" && e.id === vmId && !loading.value) {
        // Skipped during a read: that read is what changed the cached facts, mostly.
        reload();
      }
    };
    return subscribeEvents(onEvent, reload);
  }, [vmId]);

  const g = info.value;
  const busy = !hydrated.value;
  const policy = g?.agent.kvmm.connected ? g.agent.kvmm.policy : null;
  return (
    <section class="card guest-card" aria-labelledby="guest-title" aria-busy={loading.value}>
      <div class="card-head">
        <h2 id="guest-title">{t("Guest")}</h2>
        <Button disabled={busy || loading.value} busy={loading.value} onClick={reload}>
          {t("Refresh")}
        </Button>
      </div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {!g && !loadError.value && <p class="muted">{t("Asking the guest agents…")}</p>}
      {g && (
        <>
          <AgentStatus vmId={vmId} agent={g.agent} running={state.value === "running"} />
          <GuestFacts info={g} />
          {/* Processes show command lines, which may hold secrets: operators of the VM and up. */}
          {state.value === "running" && g.agent.status !== "none" && (
            <div class="needs-operator">
              <ActivityPanel vmId={vmId} disabled={busy} />
              {g.agent.qemu.connected && <ClockPanel vmId={vmId} disabled={busy} />}
              {g.agent.kvmm.connected && (
                <>
                  <ServicesPanel vmId={vmId} disabled={busy} />
                  <UpdatesPanel vmId={vmId} disabled={busy} />
                </>
              )}
            </div>
          )}
          {/* Commands, files and freeze reach inside the guest: admins only. */}
          <div class="needs-admin">
            {policy && (
              <>
                {g.agent.kvmm.version && (
                  <AgentUpdatePanel
                    vmId={vmId}
                    version={g.agent.kvmm.version}
                    latest={g.agent.kvmm.latestVersion}
                    outdated={g.agent.kvmm.updateAvailable}
                    policy={policy}
                    disabled={busy}
                    reload={reload}
                  />
                )}
                <CommandForm vmId={vmId} policy={policy} disabled={busy} />
                <FilesPanel vmId={vmId} policy={policy} disabled={busy} />
              </>
            )}
            {g.agent.qemu.connected && <FreezePanel vmId={vmId} disabled={busy} />}
          </div>
        </>
      )}
    </section>
  );
}
