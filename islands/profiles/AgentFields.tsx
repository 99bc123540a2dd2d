// Guest-agent permissions: allowed directories, allowed and refused commands, allowed services,
// one a line.

import type { AgentDraft } from "./draft.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { Checkbox } from "../../components/kit/controls.tsx";

interface Props {
  prefix: string;
  draft: AgentDraft;
  set: (change: Partial<AgentDraft>) => void;
}

const FIELDS: { key: Exclude<keyof AgentDraft, "update">; label: string; hint: string }[] = [
  {
    key: "directories",
    label: tKey("Allowed directories"),
    hint: tKey("Absolute paths, one a line; file reads and writes stay inside them"),
  },
  {
    key: "allowed",
    label: tKey("Allowed commands"),
    hint: tKey("Program names or absolute paths, one a line"),
  },
  {
    key: "disallowed",
    label: tKey("Disallowed commands"),
    hint: tKey("Refused even when allowed"),
  },
  {
    key: "services",
    label: tKey("Allowed services"),
    hint: tKey(
      "systemd services that may be started, stopped and restarted, one a line; * for any characters",
    ),
  },
];

export function AgentFields({ prefix, draft, set }: Props) {
  return (
    <div class="form-row">
      <div class="form-field">
        <Checkbox
          id={`${prefix}-update`}
          label={t("Admins may update the guest's agent from this server")}
          checked={draft.update}
          onChecked={(update) => set({ update })}
        />
        <p class="form-hint">
          {t("The guest's agent config must allow it too (allow_self_update).")}
        </p>
      </div>
      {FIELDS.map(({ key, label, hint }) => (
        <div class="form-field" key={key}>
          <label for={`${prefix}-${key}`}>{t(label)}</label>
          <textarea
            id={`${prefix}-${key}`}
            rows={4}
            spellcheck={false}
            aria-describedby={`${prefix}-${key}-hint`}
            value={draft[key]}
            onInput={(e) => set({ [key]: e.currentTarget.value })}
          />
          <p class="form-hint" id={`${prefix}-${key}-hint`}>{t(hint)}</p>
        </div>
      ))}
    </div>
  );
}
