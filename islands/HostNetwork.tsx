// The host network page's island (GET /api/host/network): the host's interfaces, "Create bridge
// over NIC", "Create bond", "Create VLAN", each row's addresses, edit and deletion, the staged changes as
// one diff with Apply and Discard, and a change applied and waiting to be kept, with its countdown. Proxmox VE's System → Network is the model: edits are staged,
// then applied as one step; here the step also undoes itself unless kept in time.

import { useSignal } from "@preact/signals";
import type { HostNetworkState, PendingChange } from "../shared/host_network.ts";
import { hostNetworkPath } from "../shared/api_paths.ts";
import { Card } from "../components/kit/Card.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { ErrorNotice, Notice, type NoticeTone } from "../components/kit/Notice.tsx";
import { useServedRead } from "../components/kit/use_served_read.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useRequest } from "../components/kit/use_request.ts";
import { createNetwork } from "./networks/api.ts";
import { InterfaceTable, type VmNetwork } from "./host_network/InterfaceTable.tsx";
import { BridgeForm } from "./host_network/BridgeForm.tsx";
import { BondForm } from "./host_network/BondForm.tsx";
import { VlanForm } from "./host_network/VlanForm.tsx";
import { AddressForm } from "./host_network/AddressForm.tsx";
import { EditForm } from "./host_network/EditForm.tsx";
import { PendingChanges } from "./host_network/PendingChanges.tsx";
import { AppliedChange } from "./host_network/AppliedChange.tsx";
import { freeBridgeName, freeName } from "./host_network/bridge_name.ts";
import { readHostNetwork, stageDelete } from "./host_network/api.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** The state rendered on the server, or null to read it in the browser. */
  state: HostNetworkState | null;
  error: string | null;
  /** The libvirt networks on host bridges, or null when libvirt did not answer. */
  vmNetworks: VmNetwork[] | null;
  /** The NIC to bridge, from the Networks page (?nic=NAME): the form opens with it chosen. */
  nic: string | null;
  [key: string]: unknown;
}

/** The form open above the table, if any (one at a time, as Proxmox VE's edit windows). */
type OpenForm = "bond" | "vlan" | { addresses: string } | { edit: string } | null;

/** How long the page waits for a rollback to show after the countdown: ifreload's 2 minutes. */
const ROLLBACK_WAIT_MS = 150_000;
const POLL_MS = 2_000;

export default function HostNetwork(props: Props) {
  const { data: state, loadError } = useServedRead(props.state, props.error, hostNetworkPath());
  const hydrated = useHydrated();
  /** The bridge form's NIC when it is open (keyed: another row's Bridge starts it afresh). */
  const bridgeFor = useSignal<string | null>(props.nic);
  /** When this browser counts the applied change's rollback from. */
  const endsAt = useSignal<number | null>(null);
  const outcome = useSignal<{ tone: NoticeTone; text: string } | null>(null);
  const vmNetworks = useSignal(props.vmNetworks);
  const offer = useRequest();
  const offering = useSignal<string | null>(null);
  const form = useSignal<OpenForm>(null);
  const removal = useRequest();
  const deleting = useSignal<string | null>(null);
  /** Opens `next` (and closes the bridge form), or closes it when it is open. */
  const toggle = (next: Exclude<OpenForm, null>) => {
    bridgeFor.value = null;
    form.value = form.value === next ? null : next;
  };
  const staged = (next: HostNetworkState) => {
    state.value = next;
    bridgeFor.value = null;
    form.value = null;
    outcome.value = null;
  };
  const deleteInterface = async (name: string) => {
    deleting.value = name;
    const next = await removal.run(() => stageDelete(name));
    deleting.value = null;
    if (next) staged(next);
  };

  /** A bridge network named after the bridge, started and started at boot: the wizard lists it. */
  const offerToVms = async (bridge: string) => {
    offering.value = bridge;
    const made = await offer.run(() =>
      createNetwork({ name: bridge, mode: "bridge", bridge, start: true, autostart: true })
    );
    offering.value = null;
    if (made) {
      vmNetworks.value = [...vmNetworks.value ?? [], { name: made.name, bridge }];
      outcome.value = {
        tone: "success",
        text: t("VMs can now be created on {{bridge}}: choose network {{name}} in the wizard.", {
          bridge,
          name: made.name,
        }),
      };
    }
  };

  const read = async () => {
    state.value = await readHostNetwork();
  };
  // The host read again first, then the words: the notice never stands above a table that
  // still shows what it says is gone (the browser test caught the table one read behind).
  const readAfter = (tone: NoticeTone, text: string) => async () => {
    endsAt.value = null;
    await read().catch(() => {/* the next read says it */});
    outcome.value = { tone, text };
  };
  const applied = (change: PendingChange, seconds: number) => {
    outcome.value = null;
    // Counted on this browser's clock from the answer: the server counts from the same moment.
    endsAt.value = Date.now() + seconds * 1000;
    if (state.value) state.value = { ...state.value, staged: "", planned: [], pending: change };
    read().catch(() => {});
  };
  /** After the countdown: read until the host says the change is gone (the network may be away). */
  const awaitRollback = async (id: string) => {
    for (const end = Date.now() + ROLLBACK_WAIT_MS; Date.now() < end;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const now = await readHostNetwork().catch(() => null);
      if (now && now.pending?.id !== id) {
        state.value = now;
        endsAt.value = null;
        outcome.value = {
          tone: "warning",
          text: t("Not kept in time: the change was rolled back."),
        };
        return;
      }
    }
    outcome.value = {
      tone: "error",
      text: t("The host has not said that the change was rolled back: read this page again."),
    };
  };

  const s = state.value;
  const disabled = !hydrated.value;
  const pending = s?.pending ?? null;
  const open = form.value;
  const edited = typeof open === "object" && open !== null && "edit" in open
    ? s?.defined.find((d) => d.name === open.edit)
    : undefined;
  return (
    <div class="hostnet">
      <ErrorNotice message={loadError.value} />
      {outcome.value && <Notice tone={outcome.value.tone}>{outcome.value.text}</Notice>}
      <Card
        id="hostnet-interfaces"
        title={t("Interfaces")}
        actions={
          <div class="actions">
            <NewButton
              label={t("Create bridge over NIC")}
              disabled={disabled || !s}
              expanded={bridgeFor.value !== null}
              onClick={() => {
                form.value = null;
                bridgeFor.value = bridgeFor.value === null
                  ? s?.interfaces.find((i) => i.bridgeable)?.name ?? ""
                  : null;
              }}
            />
            <NewButton
              kind="default"
              label={t("Create bond")}
              disabled={disabled || !s}
              expanded={form.value === "bond"}
              onClick={() => toggle("bond")}
            />
            <NewButton
              kind="default"
              label={t("Create VLAN")}
              disabled={disabled || !s}
              expanded={form.value === "vlan"}
              onClick={() => toggle("vlan")}
            />
          </div>
        }
      >
        {s && bridgeFor.value !== null && (
          <BridgeForm
            key={bridgeFor.value}
            interfaces={s.interfaces}
            planned={s.planned}
            nic={bridgeFor.value}
            bridge={freeBridgeName(s)}
            disabled={disabled}
            onCancel={() => bridgeFor.value = null}
            onStaged={staged}
          />
        )}
        {s && form.value === "bond" && (
          <BondForm
            interfaces={s.interfaces}
            name={freeName(s, "bond")}
            disabled={disabled}
            onCancel={() => form.value = null}
            onStaged={staged}
          />
        )}
        {s && form.value === "vlan" && (
          <VlanForm
            interfaces={s.interfaces}
            planned={s.planned}
            disabled={disabled}
            onCancel={() => form.value = null}
            onStaged={staged}
          />
        )}
        {s && edited && (
          <EditForm
            key={edited.name}
            target={edited}
            interfaces={s.interfaces}
            planned={s.planned}
            disabled={disabled}
            onCancel={() => form.value = null}
            onStaged={staged}
          />
        )}
        {s && typeof form.value === "object" && form.value !== null && "addresses" in form.value &&
          (
            <AddressForm
              key={form.value.addresses}
              interfaces={s.interfaces}
              planned={s.planned}
              name={form.value.addresses}
              disabled={disabled}
              onCancel={() => form.value = null}
              onStaged={staged}
            />
          )}
        {s
          ? (
            <InterfaceTable
              interfaces={s.interfaces}
              planned={s.planned}
              defined={s.defined}
              onEdit={(name) => {
                bridgeFor.value = null;
                form.value = { edit: name };
              }}
              vmNetworks={vmNetworks.value}
              disabled={disabled}
              onBridge={(name) => {
                form.value = null;
                bridgeFor.value = name;
              }}
              onAddresses={(name) => {
                bridgeFor.value = null;
                form.value = { addresses: name };
              }}
              onDelete={deleteInterface}
              deleting={deleting.value}
              onOffer={offerToVms}
              offering={offering.value}
            />
          )
          : (
            <p class="muted">
              {loadError.value ? t("Could not read the host's interfaces.") : t("Loading…")}
            </p>
          )}
        <Notice tone="error" kind="note">{offer.error.value ?? removal.error.value}</Notice>
      </Card>
      {pending && (
        <Card id="hostnet-applied" title={t("Applied change")}>
          <AppliedChange
            change={pending}
            endsAt={endsAt.value ?? pending.deadline}
            onKept={readAfter("success", t("The change is kept."))}
            onUndone={readAfter("info", t("The change was undone."))}
            onExpired={() => awaitRollback(pending.id)}
          />
        </Card>
      )}
      {!pending && s?.staged && (
        <PendingChanges
          diff={s.staged}
          disabled={disabled}
          onApplied={applied}
          onDiscarded={(next) => state.value = next}
        />
      )}
    </div>
  );
}
