// The policy card of /vms/:id: the VM's profile (assign or unassign), its effective settings with
// their source, and local overrides (add, remove); re-read on "policy-changed" for this VM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { ProfileSummary, VmPolicy as Policy } from "../shared/profiles.ts";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { isAdmin } from "../components/client/session.ts";
import {
  assignProfile,
  getVmPolicy,
  listProfiles,
  removeOverride,
  unassignProfile,
} from "./profiles/api.ts";
import { OverrideForm } from "./profiles/OverrideForm.tsx";
import { PolicyTable } from "./profiles/PolicyTable.tsx";
import { formatTime } from "./backups/format.ts";
import { Card } from "../components/kit/Card.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useReload } from "../components/kit/use_reload.ts";
import { Trans } from "../components/kit/Trans.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** The VM's UUID. */
  vmId: string;
  vmName: string;
  [key: string]: unknown;
}

export default function VmPolicy({ vmId, vmName }: Props) {
  const policy = useSignal<Policy | null>(null);
  const profiles = useSignal<ProfileSummary[]>([]);
  const chosen = useSignal("");
  const failure = useSignal<string | null>(null);
  const adding = useSignal(false);
  const pending = useSignal(false);
  const hydrated = useSignal(false);
  const admin = useSignal(true);

  const { reload, loadError } = useReload(async () => {
    policy.value = await getVmPolicy(vmId);
  });
  const readProfiles = async () => {
    try {
      profiles.value = await listProfiles();
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  };

  useEffect(() => {
    hydrated.value = true;
    admin.value = isAdmin();
    reload();
    readProfiles();
    const me = vmId.toLowerCase();
    return subscribeEvents((e) => {
      if (e.type === "policy-changed" && e.vmIds.some((id) => id.toLowerCase() === me)) reload();
      else if (e.type === "profiles-changed") {
        readProfiles();
        // A renamed profile keeps the VM's settings but not the name the card shows.
        reload();
      }
    }, () => {
      reload();
      readProfiles();
    });
  }, [vmId]);

  /** Runs one change; its refusal shows in the API's words; the card re-reads either way. */
  const act = async (run: () => Promise<unknown>) => {
    pending.value = true;
    failure.value = null;
    try {
      await run();
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      pending.value = false;
      await reload();
    }
  };

  const p = policy.value;
  const busy = !hydrated.value || pending.value;
  const readOnly = !admin.value;
  // The chosen profile while it exists, else the first.
  const selected = profiles.value.find((x) => x.id === chosen.value)?.id ??
    profiles.value[0]?.id ?? "";
  return (
    <Card
      id="policy"
      title={t("Policy")}
      actions={<a href="/profiles">{t("All profiles")}</a>}
    >
      <ErrorNotice message={loadError.value} />
      {!p && !loadError.value && (
        <p class="muted">{t("Loading the policy of {{name}}…", { name: vmName })}</p>
      )}
      {p && (
        <>
          <div class="policy-profile">
            {p.profile
              ? (
                <p>
                  <Trans
                    text={t("Profile: {{profile}}", { profile: "{{profile}}" })}
                    parts={{ profile: <strong>{p.profile.name}</strong> }}
                  />
                  {p.assignedAt && (
                    <span class="muted">
                      {` ${t("(assigned {{time}})", { time: formatTime(p.assignedAt) })}`}
                    </span>
                  )}
                </p>
              )
              : <p class="muted">{t("No profile assigned.")}</p>}
            {!readOnly && p.profile && (
              <button
                type="button"
                class="button button-small needs-admin"
                disabled={busy}
                onClick={() => act(() => unassignProfile(vmId))}
              >
                {t("Unassign")}
              </button>
            )}
            {!readOnly && !p.profile && (
              <form
                class="row-form needs-admin"
                aria-label={t("Assign a profile")}
                onSubmit={(e) => {
                  e.preventDefault();
                  if (selected) act(() => assignProfile(vmId, selected));
                }}
              >
                <label for="policy-profile">{t("Profile")}</label>
                <select
                  id="policy-profile"
                  value={selected}
                  disabled={busy || profiles.value.length === 0}
                  onChange={(e) => chosen.value = e.currentTarget.value}
                >
                  {profiles.value.length === 0 && <option value="">{t("No profiles yet")}</option>}
                  {profiles.value.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </select>
                <button
                  type="submit"
                  class="button button-small button-primary"
                  disabled={busy || !selected}
                >
                  {t("Assign")}
                </button>
              </form>
            )}
          </div>
          {failure.value && <p class="note note-error" role="alert">{failure.value}</p>}
          <PolicyTable
            policy={p}
            busy={busy}
            readOnly={readOnly}
            onRemove={(key) => act(() => removeOverride(vmId, key))}
          />
          {!readOnly && !adding.value && (
            <div class="form-buttons needs-admin">
              <button
                type="button"
                class="button"
                disabled={busy}
                onClick={() => {
                  failure.value = null;
                  adding.value = true;
                }}
              >
                {t("Add local override")}
              </button>
            </div>
          )}
          {!readOnly && adding.value && (
            <OverrideForm
              vmId={vmId}
              onSaved={() => {
                adding.value = false;
                reload();
              }}
              onCancel={() => adding.value = false}
            />
          )}
        </>
      )}
    </Card>
  );
}
