// A VM's effective policy: each setting with where it comes from (its profile, or local and
// whether it overrides the profile's), each overridden profile setting struck under its local
// one, and Remove on local settings.

import type { VmPolicy } from "../../shared/profiles.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
import {
  KIND_LABELS,
  overriddenWords,
  policyRows,
  removeLabel,
  settingWords,
  sourceWords,
} from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  policy: VmPolicy;
  busy: boolean;
  /** The caller may not change the policy: no Remove buttons. */
  readOnly: boolean;
  onRemove: (key: string) => void;
}

type Row = ReturnType<typeof policyRows>[number];

export function PolicyTable({ policy, busy, readOnly, onRemove }: Props) {
  const profileName = policy.profile?.name ?? null;
  const struck = (row: Row) => row.kind === "overridden";
  const columns: Column<Row>[] = [
    { id: "setting", header: t("Setting"), cell: (r) => t(KIND_LABELS[r.setting.kind]) },
    {
      id: "value",
      header: t("Value"),
      cell: (r) => struck(r) ? <s>{settingWords(r.setting)}</s> : settingWords(r.setting),
    },
    {
      id: "source",
      header: t("Source"),
      cell: (r) => struck(r) ? overriddenWords(profileName) : sourceWords(r.setting, profileName),
    },
    actionsColumn((r) =>
      !struck(r) && r.setting.source === "local" && !readOnly && (
        <RowButton
          action={t("Remove")}
          name={r.setting.key}
          label={removeLabel(r.setting)}
          class="needs-admin"
          disabled={busy}
          onClick={() => onRemove(r.setting.key)}
        />
      )
    ),
  ];
  return (
    <DataTable
      label={t("Effective policy")}
      class="policy-table"
      rows={policyRows(policy)}
      rowKey={(r) => struck(r) ? `${r.setting.key}-overridden` : r.setting.key}
      rowAttrs={(r) =>
        struck(r)
          ? { class: "policy-overridden", "data-key": r.setting.key }
          : { "data-key": r.setting.key, "data-source": r.setting.source }}
      columns={columns}
      empty={t("No policy settings apply to this VM.")}
    />
  );
}
