// Guest-agent permissions: allowed directories, allowed and refused commands, allowed services,
// one a line.

import type { AgentDraft } from "./draft.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  prefix: string;
  draft: AgentDraft;
  set: (change: Partial<AgentDraft>) => void;
}

const FIELDS: { key: keyof AgentDraft; label: string; hint: string }[] = [
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
