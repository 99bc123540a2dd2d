// Wizard step 4: the libvirt network (or none) and the cloud-init seed's settings.

import { CloudInitFields } from "./CloudInitFields.tsx";
import { Field } from "../../components/kit/Field.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";

export function StepNetwork(props: StepProps) {
  const { draft, set, options, issues, disabled } = props;
  const known = draft.network === "" || options.networks.some((n) => n.name === draft.network);
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("Network")}</legend>
      <Field
        id="wiz-network"
        label={t("Network")}
        hint={t("One virtio network interface on this libvirt network.")}
        errors={issues.errors("network")}
      >
        {(a) => (
          <select
            {...a}
            value={draft.network}
            onChange={(e) => set({ network: e.currentTarget.value })}
          >
            {!known && (
              <option value={draft.network}>
                {t("{{name}} (not found)", { name: draft.network })}
              </option>
            )}
            {options.networks.map((n) => (
              <option key={n.name} value={n.name}>
                {n.active ? n.name : t("{{name}} (inactive)", { name: n.name })}
              </option>
            ))}
            <option value="">{t("No network")}</option>
          </select>
        )}
      </Field>
      <CloudInitFields {...props} />
    </fieldset>
  );
}
