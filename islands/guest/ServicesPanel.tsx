// The guest's systemd services (GET …/guest/services) with start, stop and restart for those the
// agent's config and the VM's policy allow (admins only); read when the panel opens and on Refresh.

import { useSignal } from "@preact/signals";
import type { GuestServiceRow, GuestServices, ServiceAction } from "../../shared/guest.ts";
import { getGuestServices, guestServiceAction } from "./api.ts";
import { useGuestRead } from "./use_guest_read.ts";
import { Badge, type BadgeTone } from "../../components/kit/Badge.tsx";
import { GuestPart } from "./GuestPart.tsx";
import { ToolbarInput } from "../../components/kit/ToolbarInput.tsx";
import { NameCell } from "../../components/kit/cells.tsx";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
import { OutcomeNote, useAction } from "../../components/kit/use_action.tsx";
import { type Column, DataTable } from "../../components/kit/table/DataTable.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** systemd's ACTIVE state as a badge colour. */
const TONES: Record<string, BadgeTone> = {
  active: "running",
  reloading: "paused",
  activating: "paused",
  deactivating: "paused",
  inactive: "stopped",
  failed: "crashed",
};

const ACTION_WORDS: Record<ServiceAction, string> = {
  start: tKey("Start"),
  stop: tKey("Stop"),
  restart: tKey("Restart"),
};

const DONE_WORDS: Record<ServiceAction, string> = {
  start: tKey("{{service}} started: {{state}}"),
  stop: tKey("{{service}} stopped: {{state}}"),
  restart: tKey("{{service}} restarted: {{state}}"),
};

const stateWords = (s: GuestServiceRow) => `${s.activeState} (${s.subState})`;

/** What may be done to a service in its state: start when it is not running, else stop and restart. */
const actionsFor = (s: GuestServiceRow): ServiceAction[] =>
  s.activeState === "active" || s.activeState === "reloading"
    ? ["stop", "restart"]
    : ["start", "restart"];

export function ServicesPanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const read = useGuestRead<GuestServices>(vmId, () => getGuestServices(vmId));
  const list = read.value;
  const search = useSignal("");
  const acting = useSignal<string | null>(null);
  const action = useAction();

  const act = (s: GuestServiceRow, what: ServiceAction) => {
    acting.value = s.name;
    return action.run(async () => {
      try {
        const done = await guestServiceAction(vmId, s.name, what);
        if (list.value) {
          const services = list.value.services.map((row) =>
            row.name === s.name ? done.service : row
          );
          list.value = { ...list.value, services };
        }
        return t(DONE_WORDS[what], { service: s.name, state: stateWords(done.service) });
      } finally {
        acting.value = null;
      }
    });
  };

  const columns: Column<GuestServiceRow>[] = [
    {
      id: "name",
      header: t("Service"),
      cell: (s) => <NameCell name={s.name} description={s.description || null} />,
      sortValue: (s) => s.name,
    },
    {
      id: "state",
      header: t("State"),
      // ACTIVE as the badge, SUB and the unit file's state (enabled, disabled, static …) under it:
      // the Guest card is a narrow column.
      cell: (s) => (
        <>
          <Badge tone={TONES[s.activeState] ?? "stopped"}>{s.activeState}</Badge>
          <div class="muted small">
            {[s.subState, s.fileState].filter((w) => w).join(" · ")}
          </div>
        </>
      ),
      sortValue: (s) => s.activeState,
    },
    actionsColumn(
      (s) =>
        s.allowed && (
          // Stacked: the Guest card is a narrow column of the summary grid.
          <div class="guest-service-actions">
            {actionsFor(s).map((what) => (
              <RowButton
                key={what}
                action={t(ACTION_WORDS[what])}
                name={s.name}
                kind={what === "stop" ? "danger" : undefined}
                disabled={disabled || action.busy.value}
                busy={acting.value === s.name}
                onClick={() => act(s, what)}
              />
            ))}
          </div>
        ),
      "needs-admin",
    ),
  ];

  const needle = search.value.trim().toLowerCase();
  const matches = (s: GuestServiceRow) =>
    !needle || s.name.toLowerCase().includes(needle) ||
    s.description.toLowerCase().includes(needle);
  return (
    <GuestPart
      read={read}
      heading={<h3 id="guest-services-title">{t("Services")}</h3>}
      refreshLabel={t("Refresh services")}
      disabled={disabled}
    >
      {(l) => (
        <>
          <p class="form-hint needs-admin">
            {l.allowedPatterns.length
              ? t("This VM's policy allows starting and stopping: {{patterns}}", {
                patterns: l.allowedPatterns.join(", "),
              })
              : t(
                "This VM's policy allows no services to be started or stopped: add them to Allowed services in its profile or a local override.",
              )}
          </p>
          <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
            <ToolbarInput
              label={t("Search")}
              placeholder={t("Name or description")}
              {...bindSignal(search)}
            />
            <span class="muted" aria-live="polite">
              {l.truncated
                ? t("{{count}} services (the guest has more)", { count: l.services.length })
                : t("{{count}} services", { count: l.services.length })}
            </span>
          </form>
          <OutcomeNote outcome={action.outcome.value} />
          <DataTable
            label={t("Services")}
            rows={l.services.filter(matches)}
            rowKey={(s) => s.name}
            columns={columns}
            empty={needle ? t("No service matches.") : t("The guest reported no services.")}
            rowAttrs={(s) => ({ "data-service": s.name })}
          />
        </>
      )}
    </GuestPart>
  );
}
