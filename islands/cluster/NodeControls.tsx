// A cluster node's actions for admins (the Nodes card of islands/ClusterView.tsx): standby and
// back, maintenance and back, each asked first with what Pacemaker will then do; and the
// cluster-wide switches (maintenance mode, fencing on or off). Refusals in the API's words,
// beside the control that asked.

import { useSignal } from "@preact/signals";
import type { ClusterNode, ClusterStatus, NodeAction } from "../../shared/cluster.ts";
import { clusterNodeActionPath, clusterOptionsPath } from "../../shared/api_paths.ts";
import { MenuButton } from "../../components/kit/MenuButton.tsx";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { useRef } from "preact/hooks";
import { t } from "../../shared/i18n/t.ts";
import { request } from "../../components/client/api.ts";

/** What each action does, in the words its confirmation shows. */
function consequence(action: NodeAction, node: string): string {
  switch (action) {
    case "standby":
      return t(
        "Pacemaker moves every resource off {{node}} (HA VMs live where they allow it) and starts none there until it is back.",
        { node },
      );
    case "unstandby":
      return t("{{node}} takes resources again; Pacemaker may move some back to it.", { node });
    case "maintenance":
      return t(
        "The resources on {{node}} keep running, but Pacemaker no longer watches, starts, stops or moves them.",
        { node },
      );
    case "unmaintenance":
      return t(
        "Pacemaker watches the resources on {{node}} again; any that stopped meanwhile are started again.",
        { node },
      );
  }
}

function label(action: NodeAction): string {
  return {
    standby: t("Standby"),
    unstandby: t("Back from standby"),
    maintenance: t("Maintenance"),
    unmaintenance: t("End maintenance"),
  }[action];
}

/** The row's menu: the two actions the node's state allows, each confirmed. */
export function NodeActions(
  { node, reload }: { node: ClusterNode; reload: () => Promise<void> },
) {
  const call = useBusyCall();
  const asked = useSignal<NodeAction | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const actions: NodeAction[] = [
    node.state === "standby" ? "unstandby" : "standby",
    node.state === "maintenance" ? "unmaintenance" : "maintenance",
  ];
  // Always drawn (a dialog opened in the same click must exist already); its words follow the ask.
  const shown = asked.value ?? actions[0];
  const run = (action: NodeAction) =>
    call.run(async () => {
      await request("POST", clusterNodeActionPath(node.name, action));
      await reload();
    });
  return (
    <span class="row-actions">
      <MenuButton
        label={t("Actions")}
        aria-label={t("Actions for node {{node}}", { node: node.name })}
        class="button-small"
        align="end"
        disabled={call.busy.value || !node.online}
        items={actions.map((action) => ({
          label: label(action),
          onSelect: () => {
            asked.value = action;
            dialog.current?.showModal();
          },
        }))}
      />
      <ConfirmDialog
        dialogRef={dialog}
        title={t("{{action}}: {{node}}", { action: label(shown), node: node.name })}
        confirmLabel={label(shown)}
        onConfirm={() => run(shown)}
      >
        <p>{consequence(shown, node.name)}</p>
      </ConfirmDialog>
      {call.error.value && <span class="note note-error" role="alert">{call.error.value}</span>}
    </span>
  );
}

/** The cluster-wide switches: maintenance mode, and fencing on or off (off is unsafe). */
export function ClusterSwitches(
  { status, reload }: { status: ClusterStatus; reload: () => Promise<void> },
) {
  const call = useBusyCall();
  const dialog = useRef<HTMLDialogElement>(null);
  const asked = useSignal<"maintenanceMode" | "fencingEnabled" | null>(null);
  const now = { maintenanceMode: status.maintenanceMode, fencingEnabled: status.fencing.enabled };
  const set = (key: "maintenanceMode" | "fencingEnabled") =>
    call.run(async () => {
      await request("PUT", clusterOptionsPath(), { [key]: !now[key] });
      await reload();
    });
  const shown = asked.value ?? "maintenanceMode";
  const ask = (key: "maintenanceMode" | "fencingEnabled") => {
    asked.value = key;
    dialog.current?.showModal();
  };
  const words = {
    maintenanceMode: now.maintenanceMode
      ? {
        title: t("End maintenance mode"),
        what: t("Pacemaker starts watching every resource again and acts on what it finds."),
      }
      : {
        title: t("Enter maintenance mode"),
        what: t(
          "Pacemaker starts, stops and moves nothing anywhere until it ends: a VM whose node dies stays down.",
        ),
      },
    fencingEnabled: now.fencingEnabled
      ? {
        title: t("Turn fencing off"),
        what: t(
          "A lost node is no longer powered off first: Pacemaker then cannot start its VMs elsewhere safely. Only for a cluster being set up.",
        ),
      }
      : {
        title: t("Turn fencing on"),
        what: t(
          "Pacemaker powers a lost node off through a fencing device before starting its VMs elsewhere. Test the devices first.",
        ),
      },
  };
  return (
    <div class="cluster-switches">
      <Button small onClick={() => ask("maintenanceMode")} busy={call.busy.value}>
        {words.maintenanceMode.title}
      </Button>
      <Button small onClick={() => ask("fencingEnabled")} busy={call.busy.value}>
        {words.fencingEnabled.title}
      </Button>
      <ConfirmDialog
        dialogRef={dialog}
        title={words[shown].title}
        confirmLabel={words[shown].title}
        onConfirm={() => set(shown)}
      >
        <p>{words[shown].what}</p>
      </ConfirmDialog>
      <ErrorNotice message={call.error.value} />
    </div>
  );
}
