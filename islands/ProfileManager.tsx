// /profiles: the profiles table (create, edit with the sync result, delete converting its VMs'
// settings to local overrides, export, import with a preview), kept current by
// "profiles-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { ProfileDetails, ProfileSummary } from "../shared/profiles.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { plural } from "../components/format.ts";
import { errorMessage } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { deleteProfile, getProfile, listProfiles } from "./profiles/api.ts";
import { convertedWords, deleteWords, syncWords } from "./profiles/format.ts";
import { ImportPanel } from "./profiles/ImportPanel.tsx";
import { ProfileForm } from "./profiles/ProfileForm.tsx";
import { ProfileTable } from "./profiles/ProfileTable.tsx";
import { coalesce } from "./storage/live.ts";

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
  const loadError = useSignal<string | null>(null);
  const mode = useSignal<Mode>({ kind: "none" });
  const open = useSignal<{ id: string; details: ProfileDetails | null } | null>(null);
  const outcome = useSignal<string | null>(null);
  const hydrated = useSignal(false);
  const doomed = useSignal<ProfileSummary | null>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

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
  const reload = coalesce(async () => {
    try {
      const list = await listProfiles();
      profiles.value = list;
      loadError.value = null;
      // A profile deleted elsewhere closes its details rather than failing to read them.
      if (open.value && !list.some((p) => p.id === open.value!.id)) open.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
    await readDetails();
  });

  useEffect(() => {
    hydrated.value = true;
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
      <div class="toolbar">
        <button
          type="button"
          class="button button-primary needs-admin"
          disabled={!hydrated.value}
          onClick={() => start({ kind: "new" })}
        >
          New profile
        </button>
        <button
          type="button"
          class="button needs-admin"
          disabled={!hydrated.value}
          onClick={() => start({ kind: "import" })}
        >
          Import
        </button>
        <span class="muted" aria-live="polite">{plural(count, "profile")}</span>
      </div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {m.kind === "new" && (
        <ProfileForm onSaved={(name) => done(`Created ${name}.`)} onCancel={cancel} />
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
                ? `Imported as ${r.profile.name}.`
                : `Imported ${r.profile.name}.`,
            )}
          onCancel={cancel}
        />
      )}
      {outcome.value && <p class="note note-success" role="status">{outcome.value}</p>}
      <ProfileTable
        profiles={profiles.value}
        open={open.value}
        busy={!hydrated.value}
        onDetails={toggleDetails}
        onEdit={edit}
        onDelete={(p) => {
          doomed.value = p;
          deleteDialog.current?.showModal();
        }}
      />
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete profile"
        confirmLabel="Delete"
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <p>
          Delete the profile <strong>{doomed.value?.name}</strong>?{" "}
          {deleteWords(doomed.value?.vmCount ?? 0)}
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
