// Wizard step 4: the libvirt network (or none) and the cloud-init seed's settings.

import { CloudInitFields } from "./CloudInitFields.tsx";
import { Field } from "../../components/kit/Field.tsx";
import type { StepProps } from "./step.ts";

export function StepNetwork(props: StepProps) {
  const { draft, set, options, issues, disabled } = props;
  const known = draft.network === "" || options.networks.some((n) => n.name === draft.network);
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>Network</legend>
      <Field
        id="wiz-network"
        label="Network"
        hint="One virtio network interface on this libvirt network."
        errors={issues.errors("network")}
      >
        {(a) => (
          <select
            {...a}
            value={draft.network}
            onChange={(e) => set({ network: e.currentTarget.value })}
          >
            {!known && <option value={draft.network}>{draft.network} (not found)</option>}
            {options.networks.map((n) => (
              <option key={n.name} value={n.name}>
                {n.active ? n.name : `${n.name} (inactive)`}
              </option>
            ))}
            <option value="">No network</option>
          </select>
        )}
      </Field>
      <CloudInitFields {...props} />
    </fieldset>
  );
}
