// Who is logged in to the guest and its busiest processes (GET …/guest/activity), read when the
// panel opens and on Refresh — never on a timer: a process sample costs the guest half a second.

import { useSignal } from "@preact/signals";
import type { GuestActivity, GuestProcessRow, GuestUserSession } from "../../shared/guest.ts";
import { formatBytes } from "../../shared/format.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { getGuestActivity } from "./api.ts";
import { useGuestRead } from "./use_guest_read.ts";
import { Button } from "../../components/kit/Button.tsx";
import { GuestPart } from "./GuestPart.tsx";
import { type Column, DataTable } from "../../components/kit/table/DataTable.tsx";
import { t } from "../../shared/i18n/t.ts";

const USER_COLUMNS = (): Column<GuestUserSession>[] => [
  { id: "name", header: t("User"), cell: (u) => u.domain ? `${u.domain}\\${u.name}` : u.name },
  { id: "terminal", header: t("Terminal"), cell: (u) => u.terminal ?? "—" },
  { id: "host", header: t("From"), cell: (u) => u.host ?? t("this machine"), hideOnSmall: true },
  {
    id: "since",
    header: t("Since"),
    cell: (u) => formatDateTime(u.loginTime),
    sortValue: (u) => u.loginTime,
  },
];

const PROCESS_COLUMNS = (): Column<GuestProcessRow>[] => [
  { id: "pid", header: t("PID"), cell: (p) => p.pid, sortValue: (p) => p.pid, numeric: true },
  { id: "name", header: t("Name"), cell: (p) => p.name, sortValue: (p) => p.name },
  { id: "user", header: t("User"), cell: (p) => p.user, sortValue: (p) => p.user },
  {
    id: "cpu",
    header: t("CPU %"),
    cell: (p) => p.cpuPercent.toFixed(1),
    sortValue: (p) => p.cpuPercent,
    numeric: true,
  },
  {
    id: "memory",
    header: t("Memory"),
    cell: (p) => formatBytes(p.memoryBytes),
    sortValue: (p) => p.memoryBytes,
    numeric: true,
  },
  {
    id: "command",
    header: t("Command"),
    // One line, cut with an ellipsis; the whole line on hover.
    cell: (p) => <code class="guest-command" title={p.command}>{p.command}</code>,
    hideOnSmall: true,
  },
];

export function ActivityPanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const sort = useSignal<"cpu" | "memory">("cpu");
  const read = useGuestRead<GuestActivity>(vmId, () => getGuestActivity(vmId, sort.value));
  const load = (by: "cpu" | "memory" = sort.value) => {
    sort.value = by;
    return read.load();
  };

  return (
    <GuestPart
      read={read}
      heading={<h3 id="guest-activity-title">{t("Activity")}</h3>}
      refreshLabel={t("Refresh activity")}
      disabled={disabled}
      choices={{
        label: t("Busiest processes by"),
        buttons: (["cpu", "memory"] as const).map((by) => (
          <Button
            key={by}
            small
            aria-pressed={sort.value === by}
            disabled={disabled || read.busy.value}
            onClick={() => load(by)}
          >
            {by === "cpu" ? t("By CPU") : t("By memory")}
          </Button>
        )),
      }}
    >
      {(a) => (
        <>
          {a.reason && <p class="form-hint">{a.reason}</p>}
          <h4 id="guest-users-title">{t("Logged in")}</h4>
          <DataTable
            label={t("Logged-in users")}
            rows={a.users}
            rowKey={(u) => `${u.name}|${u.terminal}|${u.loginTime}`}
            columns={USER_COLUMNS()}
            empty={a.usersSource ? t("No one is logged in.") : t("Not known.")}
          />
          <h4 id="guest-processes-title">
            {a.processCount === null
              ? t("Processes")
              : t("Busiest processes ({{count}} in all)", { count: a.processCount })}
          </h4>
          {a.processes && (
            <DataTable
              label={t("Busiest processes")}
              rows={a.processes}
              rowKey={(p) => String(p.pid)}
              columns={PROCESS_COLUMNS()}
              empty={t("The guest reported no processes.")}
              rowAttrs={(p) => ({ "data-pid": String(p.pid) })}
            />
          )}
        </>
      )}
    </GuestPart>
  );
}
