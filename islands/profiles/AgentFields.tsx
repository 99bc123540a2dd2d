// Guest-agent permissions: allowed directories, allowed and refused commands, one a line.

import type { AgentDraft } from "./draft.ts";

interface Props {
  prefix: string;
  draft: AgentDraft;
  set: (change: Partial<AgentDraft>) => void;
}

const FIELDS: { key: keyof AgentDraft; label: string; hint: string }[] = [
  {
    key: "directories",
    label: "Allowed directories",
    hint: "Absolute paths, one a line; file reads and writes stay inside them",
  },
  {
    key: "allowed",
    label: "Allowed commands",
    hint: "Program names or absolute paths, one a line",
  },
  { key: "disallowed", label: "Disallowed commands", hint: "Refused even when allowed" },
];

export function AgentFields({ prefix, draft, set }: Props) {
  return (
    <div class="form-row">
      {FIELDS.map(({ key, label, hint }) => (
        <div class="form-field" key={key}>
          <label for={`${prefix}-${key}`}>{label}</label>
          <textarea
            id={`${prefix}-${key}`}
            rows={4}
            spellcheck={false}
            aria-describedby={`${prefix}-${key}-hint`}
            value={draft[key]}
            onInput={(e) => set({ [key]: e.currentTarget.value })}
          />
          <p class="form-hint" id={`${prefix}-${key}-hint`}>{hint}</p>
        </div>
      ))}
    </div>
  );
}
