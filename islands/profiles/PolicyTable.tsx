// A VM's effective policy: each setting with where it comes from (its profile, or local and
// whether it overrides the profile's), each overridden profile setting struck under its local
// one, and Remove on local settings.

import type { VmPolicy } from "../../shared/profiles.ts";
import { KIND_LABELS, policyRows, removeLabel, settingWords, sourceWords } from "./format.ts";

interface Props {
  policy: VmPolicy;
  busy: boolean;
  /** The caller may not change the policy: no Remove buttons. */
  readOnly: boolean;
  onRemove: (key: string) => void;
}

export function PolicyTable({ policy, busy, readOnly, onRemove }: Props) {
  const rows = policyRows(policy);
  const profileName = policy.profile?.name ?? null;
  return (
    <div class="table-scroll">
      <table class="table policy-table" aria-label="Effective policy">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} class="muted empty">No policy settings apply to this VM.</td>
            </tr>
          )}
          {rows.map((row) => {
            const s = row.setting;
            if (row.kind === "overridden") {
              return (
                <tr key={`${s.key}-overridden`} class="policy-overridden" data-key={s.key}>
                  <td>{KIND_LABELS[s.kind]}</td>
                  <td>
                    <s>{settingWords(s)}</s>
                  </td>
                  <td>{`Profile ${profileName ?? ""}`.trim()} (overridden)</td>
                  <td></td>
                </tr>
              );
            }
            const local = row.setting.source === "local";
            return (
              <tr key={s.key} data-key={s.key} data-source={row.setting.source}>
                <td>{KIND_LABELS[s.kind]}</td>
                <td>{settingWords(s)}</td>
                <td>{sourceWords(row.setting, profileName)}</td>
                <td class="row-actions">
                  {local && !readOnly && (
                    <button
                      type="button"
                      class="button button-small needs-admin"
                      disabled={busy}
                      aria-label={removeLabel(s)}
                      onClick={() => onRemove(s.key)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
