// The snapshots card of /vms/:id: the tree (current marked), a create form, revert and delete
// with confirmation; re-read on "snapshots-changed" events for this VM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { SnapshotInfo } from "../shared/snapshots.ts";
import type { AppEvent } from "../shared/events.ts";
import type { VmState } from "../shared/vms.ts";
import { Card } from "../components/kit/Card.tsx";
import { Checkbox } from "../components/kit/controls.tsx";
import { AskDialog } from "../components/kit/Dialog.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { useAction } from "../components/kit/use_action.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useOpenedForm } from "../components/kit/use_opened_form.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { deleteSnapshot, listSnapshots, revertSnapshot } from "./snapshots/api.ts";
import { revertedMessage, snapshotStateBadge } from "./snapshots/format.ts";
import { SnapshotForm } from "./snapshots/SnapshotForm.tsx";
import { SnapshotTree } from "./snapshots/SnapshotTree.tsx";
import { NamedSentence } from "../components/kit/NamedSentence.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vmId: string;
  vmName: string;
  state: VmState;
  [key: string]: unknown;
}

export default function VmSnapshots({ vmId, vmName, state: initialState }: Props) {
  const snapshots = useSignal<SnapshotInfo[] | null>(null);
  const state = useSignal(initialState);
  const hydrated = useHydrated();
  const action = useAction();
  const reverting = useConfirm<SnapshotInfo>();
  const deleting = useConfirm<SnapshotInfo>();
  const withChildren = useSignal(false);
  const { reload, loadError } = useReload(async () => {
    snapshots.value = (await listSnapshots(vmId)).snapshots;
  });
  const creating = useOpenedForm(action.outcome, reload);

  useEffect(() => {
    reload();
    const onEvent = (e: AppEvent) => {
      if (e.type === "snapshots-changed" && e.vmId === vmId) reload();
      else if (e.type === "vm-state-changed" && e.id === vmId) state.value = e.state;
    };
    return subscribeEvents(onEvent, reload);
  }, [vmId]);

  /** Runs one action; its failure is shown in the API's words. */
  const act = async (run: () => Promise<string>) => {
    await action.run(run);
    await reload();
  };
  const revert = (s: SnapshotInfo) =>
    act(async () => {
      const after = await revertSnapshot(vmId, s.name);
      state.value = after.state;
      return revertedMessage(s.name, after.state);
    });
  const remove = (s: SnapshotInfo) =>
    act(async () => {
      const { deleted } = await deleteSnapshot(vmId, s.name, withChildren.value);
      return t("Deleted {{names}}.", { names: deleted.join(", ") });
    });

  const r = reverting.subject.value;
  const d = deleting.subject.value;
  const busy = !hydrated.value || action.busy.value;
  const outcome = action.outcome.value;
  return (
    <Card
      id="snapshots"
      title={t("Snapshots")}
      actions={
        <NewButton
          label={t("New snapshot")}
          disabled={busy || creating.open}
          onClick={() => {
            creating.setOpen(true);
            action.outcome.value = null;
          }}
        />
      }
    >
      {creating.open && (
        <SnapshotForm
          vmId={vmId}
          state={state.value}
          onCreated={(s) => creating.done(t("Snapshot {{name}} taken.", { name: s.name }))}
          onCancel={() => creating.setOpen(false)}
        />
      )}
      <ErrorNotice message={loadError.value} />
      {outcome && <Notice tone={outcome.ok ? "info" : "error"}>{outcome.message}</Notice>}
      <SnapshotTree
        snapshots={snapshots.value}
        busy={busy}
        onRevert={reverting.ask}
        onDelete={(s) => {
          withChildren.value = false;
          deleting.ask(s);
        }}
      />
      <AskDialog
        confirm={reverting}
        title={t("Revert to snapshot")}
        confirmLabel={t("Revert")}
        onConfirm={revert}
      >
        {r && (
          <NamedSentence
            text={r.memory
              ? t(
                "Revert {{vm}} to {{snapshot}}? Its disks and memory go back to that point and changes made since are lost.",
                { vm: "{{vm}}", snapshot: "{{snapshot}}" },
              )
              : t(
                "Revert {{vm}} to {{snapshot}}? Its disks go back to that point and changes made since are lost.",
                { vm: "{{vm}}", snapshot: "{{snapshot}}" },
              )}
            names={{ vm: vmName, snapshot: r.name }}
            more={snapshotStateBadge(r.state).after}
          />
        )}
      </AskDialog>
      <AskDialog
        confirm={deleting}
        title={t("Delete snapshot")}
        confirmLabel={t("Delete")}
        onConfirm={remove}
      >
        <NamedSentence
          text={t("Delete snapshot {{snapshot}} of {{vm}}? The VM itself is not changed.", {
            snapshot: "{{snapshot}}",
            vm: "{{vm}}",
          })}
          names={{ snapshot: d?.name, vm: vmName }}
        />
        {d && d.children.length > 0 && (
          <Checkbox
            label={t("Also delete the snapshots taken after it ({{names}} and below)", {
              names: d.children.join(", "),
            })}
            checked={withChildren.value}
            onChecked={(on) => withChildren.value = on}
          />
        )}
      </AskDialog>
    </Card>
  );
}
