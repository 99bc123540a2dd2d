// /profiles: the profiles table (create, edit with the sync result, delete converting its VMs'
// settings to local overrides, export, import with a preview), kept current by
// "profiles-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { ProfileDetails, ProfileSummary } from "../shared/profiles.ts";
import { AskNamedDialog } from "../components/kit/Dialog.tsx";
import { ListToolbar, NewButton } from "../components/kit/ListToolbar.tsx";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { showError } from "../components/client/toasts.tsx";
import { deleteProfile, getProfile, listProfiles } from "./profiles/api.ts";
import { convertedWords, deleteWords, syncWords } from "./profiles/format.ts";
import { ImportPanel } from "./profiles/ImportPanel.tsx";
import { ProfileForm } from "./profiles/ProfileForm.tsx";
import { ProfileTable } from "./profiles/ProfileTable.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** As the server listed them; null when it did not (the island reads them). */
  profiles: ProfileSummary[] | null;
  [key: string]: unknown;
}

type Mode =
  | { kind: "none" }
  | { kind: "new" }
  | { kind: "import" }
  | { kind: "edit"; profile: ProfileDetails };

export default function ProfileManager(props: Props) {
  const profiles = useSignal(props.profiles);
  const mode = useSignal<Mode>({ kind: "none" });
  const open = useSignal<{ id: string; details: ProfileDetails | null } | null>(null);
  const outcome = useSignal<string | null>(null);
  const hydrated = useHydrated();
  const doomed = useConfirm<ProfileSummary>();

  const readDetails = async () => {
    const id = open.value?.id;
    if (!id) return;
    try {
      const details = await getProfile(id);
      if (open.value?.id === id) open.value = { id, details };
    } catch (err) {
      if (open.value?.id === id) open.value = null;
      showError(errorMessage(err));
    }
  };
  const { reload: reloadList, loadError } = useReload(async () => {
    const list = await listProfiles();
    profiles.value = list;
    // A profile deleted elsewhere closes its details rather than failing to read them.
    if (open.value && !list.some((p) => p.id === open.value!.id)) open.value = null;
  });
  const reload = async () => {
    await reloadList();
    await readDetails();
  };

  useEffect(() => {
    reload();
    return subscribeEvents((e) => {
      if (e.type === "profiles-changed" || e.type === "policy-changed") reload();
    }, reload);
  }, []);

  const done = (message: string) => {
    mode.value = { kind: "none" };
    outcome.value = message;
    reload();
  };
  const edit = async (p: ProfileSummary) => {
    outcome.value = null;
    try {
      mode.value = { kind: "edit", profile: await getProfile(p.id) };
    } catch (err) {
      showError(errorMessage(err));
    }
  };
  const toggleDetails = (p: ProfileSummary) => {
    if (open.value?.id === p.id) {
      open.value = null;
      return;
    }
    open.value = { id: p.id, details: null };
    readDetails();
  };
  const remove = async (p: ProfileSummary) => {
    outcome.value = null;
    try {
      const { convertedVms } = await deleteProfile(p.id);
      if (open.value?.id === p.id) open.value = null;
      outcome.value = convertedWords(p.name, convertedVms);
    } catch (err) {
      showError(errorMessage(err));
    }
    reload();
  };

  const m = mode.value;
  const cancel = () => mode.value = { kind: "none" };
  const start = (next: Mode) => {
    outcome.value = null;
    mode.value = next;
  };
  const count = profiles.value?.length ?? 0;
  return (
    <div>
      <ListToolbar
        newLabel={t("New profile")}
        onToggle={() => start({ kind: "new" })}
        disabled={!hydrated.value}
        count={t("{{count}} profiles", { count })}
      >
        <NewButton
          label={t("Import")}
          kind="default"
          disabled={!hydrated.value}
          onClick={() => start({ kind: "import" })}
        />
      </ListToolbar>
      <ErrorNotice message={loadError.value} />
      {m.kind === "new" && (
        <ProfileForm onSaved={(name) => done(t("Created {{name}}.", { name }))} onCancel={cancel} />
      )}
      {m.kind === "edit" && (
        <ProfileForm
          key={m.profile.id}
          profile={m.profile}
          onSaved={(name, affected) => done(syncWords(name, affected ?? 0))}
          onCancel={cancel}
        />
      )}
      {m.kind === "import" && (
        <ImportPanel
          onImported={(r) =>
            done(
              r.collisionResolved
                ? t("Imported as {{name}}.", { name: r.profile.name })
                : t("Imported {{name}}.", { name: r.profile.name }),
            )}
          onCancel={cancel}
        />
      )}
      <Notice tone="success" kind="note">{outcome.value}</Notice>
      <ProfileTable
        profiles={profiles.value}
        open={open.value}
        busy={!hydrated.value}
        onDetails={toggleDetails}
        onEdit={edit}
        onDelete={doomed.ask}
      />
      <AskNamedDialog
        confirm={doomed}
        title={t("Delete profile")}
        question={t("Delete the profile {{name}}?", { name: "{{name}}" })}
        more={deleteWords(doomed.subject.value?.vmCount ?? 0)}
        onConfirm={remove}
      />
    </div>
  );
}
