// Wizard step 4: the libvirt network (or none) and the cloud-init seed's settings.

import { CloudInitFields } from "./CloudInitFields.tsx";
import { Checkbox, SelectField } from "../../components/kit/controls.tsx";
import { store } from "../../components/client/stored.ts";
import { notFoundChoice } from "./choices.ts";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";
import { stepFields } from "./step_fields.ts";
import { WizardStep } from "./WizardStep.tsx";

/** Where this browser keeps whether new VMs get anti-spoofing (CreateVmWizard reads it). */
export const ANTI_SPOOFING_DEFAULT = "kvmm.wizard.antiSpoofing";

export function StepNetwork(props: StepProps) {
  const { draft, set, options, issues, disabled } = props;
  const spoofErrors = issues.errors("antiSpoofing");
  const known = draft.network === "" || options.networks.some((n) => n.name === draft.network);
  // Without an active network the wizard chooses none (never an inactive one) and says why.
  const noneActive = !options.networks.some((n) => n.active);
  return (
    <WizardStep legend={t("Network")} disabled={disabled}>
      <SelectField
        id="wiz-network"
        label={t("Network")}
        hint={noneActive
          ? t("No network is active: start one on the Networks page, or the VM gets none.")
          : t("One virtio network interface on this libvirt network.")}
        options={[
          ...notFoundChoice(draft.network, known),
          ...options.networks.map((n) =>
            [n.name, n.active ? n.name : t("{{name}} (inactive)", { name: n.name })] as const
          ),
          ["", t("No network")],
        ]}
        {...stepFields(props).field("network")}
      />
      {draft.network !== "" && (
        <div class={spoofErrors.length ? "field field-invalid" : "field"}>
          <Checkbox
            id="wiz-anti-spoofing"
            aria-describedby={spoofErrors.length
              ? "wiz-anti-spoofing-hint wiz-anti-spoofing-error"
              : "wiz-anti-spoofing-hint"}
            label={t("Anti-spoofing: the VM cannot send from other MAC or IP addresses")}
            checked={draft.antiSpoofing}
            onChecked={(on) => {
              set({ antiSpoofing: on });
              // Where an admin wants it, it is the next new VM's default too (this browser).
              store(ANTI_SPOOFING_DEFAULT, on ? "on" : "off");
            }}
          />
          <p class="field-hint" id="wiz-anti-spoofing-hint">
            {t(
              "The VM's own firewall with libvirt's clean-traffic, from its first start; rules are added on its Firewall tab. IPv6 does not pass it.",
            )}
          </p>
          {spoofErrors.length > 0 && (
            <div class="field-error" id="wiz-anti-spoofing-error" role="alert">
              {spoofErrors.map((m) => <p key={m}>{m}</p>)}
            </div>
          )}
        </div>
      )}
      <CloudInitFields {...props} />
    </WizardStep>
  );
}
