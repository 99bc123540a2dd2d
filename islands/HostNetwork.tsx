// The host network page's island (GET /api/host/network): the host's interfaces, "Create bridge
// over NIC", the staged changes as a diff with Apply and Discard, and a change applied and waiting
// to be kept, with its countdown. Proxmox VE's System → Network is the model: edits are staged,
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
import { PendingChanges } from "./host_network/PendingChanges.tsx";
import { AppliedChange } from "./host_network/AppliedChange.tsx";
import { freeBridgeName } from "./host_network/bridge_name.ts";
import { readHostNetwork } from "./host_network/api.ts";
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
    if (state.value) state.value = { ...state.value, staged: "", pending: change };
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
  return (
    <div class="hostnet">
      <ErrorNotice message={loadError.value} />
      {outcome.value && <Notice tone={outcome.value.tone}>{outcome.value.text}</Notice>}
      <Card
        id="hostnet-interfaces"
        title={t("Interfaces")}
        actions={
          <NewButton
            label={t("Create bridge over NIC")}
            disabled={disabled || !s}
            expanded={bridgeFor.value !== null}
            onClick={() => {
              bridgeFor.value = bridgeFor.value === null
                ? s?.interfaces.find((i) => i.bridgeable)?.name ?? ""
                : null;
            }}
          />
        }
      >
        {s && bridgeFor.value !== null && (
          <BridgeForm
            key={bridgeFor.value}
            interfaces={s.interfaces}
            nic={bridgeFor.value}
            bridge={freeBridgeName(s)}
            disabled={disabled}
            onCancel={() => bridgeFor.value = null}
            onStaged={(next) => {
              state.value = next;
              bridgeFor.value = null;
              outcome.value = null;
            }}
          />
        )}
        {s
          ? (
            <InterfaceTable
              interfaces={s.interfaces}
              vmNetworks={vmNetworks.value}
              disabled={disabled}
              onBridge={(name) => bridgeFor.value = name}
              onOffer={offerToVms}
              offering={offering.value}
            />
          )
          : (
            <p class="muted">
              {loadError.value ? t("Could not read the host's interfaces.") : t("Loading…")}
            </p>
          )}
        <Notice tone="error" kind="note">{offer.error.value}</Notice>
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
