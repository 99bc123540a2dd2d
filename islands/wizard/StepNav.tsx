// The wizard's step list: where you are, and a button for every step you may go to.

import { STEPS } from "./draft.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  current: number;
  /** Whether a later step may be opened (every step before it is free of errors). */
  reachable: (index: number) => boolean;
  disabled: boolean;
  onGo: (index: number) => void;
}

export function StepNav({ current, reachable, disabled, onGo }: Props) {
  return (
    <nav aria-label={t("Wizard steps")}>
      <ol class="wizard-steps">
        {STEPS.map((s, i) => (
          <li key={s.id} class={i < current ? "step-before" : undefined}>
            <button
              type="button"
              class="wizard-step-button"
              aria-current={i === current ? "step" : undefined}
              disabled={disabled || (i > current && !reachable(i))}
              onClick={() => onGo(i)}
            >
              <span class="step-number">{i + 1}</span> {t(s.title)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
