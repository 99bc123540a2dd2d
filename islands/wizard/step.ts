// What every wizard step component is given by the step machine (islands/CreateVmWizard.tsx).

import type { Draft } from "./draft.ts";
import type { Issues } from "../../components/kit/Field.tsx";
import type { WizardOptions } from "./options.ts";

export interface StepProps {
  draft: Draft;
  /** Changes some fields of the draft and marks them as touched by the user. */
  set: (patch: Partial<Draft>) => void;
  options: WizardOptions;
  issues: Issues;
  /** True until the island has hydrated: server-rendered controls do nothing yet. */
  disabled: boolean;
}
