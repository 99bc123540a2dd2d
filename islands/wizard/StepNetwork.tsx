// Wizard step 4: the libvirt network (or none) and the cloud-init seed's settings.

import { CloudInitFields } from "./CloudInitFields.tsx";
import { SelectField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { notFoundChoice } from "./choices.ts";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";

export function StepNetwork(props: StepProps) {
  const { draft, set, options, issues, disabled } = props;
  const known = draft.network === "" || options.networks.some((n) => n.name === draft.network);
  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("Network")}</legend>
      <SelectField
        id="wiz-network"
        label={t("Network")}
        hint={t("One virtio network interface on this libvirt network.")}
        errors={issues.errors("network")}
        options={[
          ...notFoundChoice(draft.network, known),
          ...options.networks.map((n) =>
            [n.name, n.active ? n.name : t("{{name}} (inactive)", { name: n.name })] as const
          ),
          ["", t("No network")],
        ]}
        {...heldDraft(draft, set).text("network")}
      />
      <CloudInitFields {...props} />
    </fieldset>
  );
}
