// The cloud-init part of the network step: host name, user, password hash, SSH keys or user-data.

import { hostnameFromVmName } from "../../shared/cloud_init.ts";
import type { Draft } from "./draft.ts";
import { Field } from "../../components/kit/Field.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";

/** Why cloud-init cannot be chosen on the demo driver, in the current language. */
export const noCloudInit = () =>
  t("Cloud-init needs a real libvirt host; the demo driver cannot write the seed.");

// The tool's name, which no language changes.
const CLOUD_INIT = "Cloud-init";

const USER_DATA_EXAMPLE = "#cloud-config\npackages: [qemu-guest-agent]";

type TextKey = "ciHostname" | "ciUser" | "ciPasswordHash";

export function CloudInitFields({ draft, set, options, issues }: StepProps) {
  const available = options.cloudInitAvailable;
  const off = !available || !draft.cloudInit;
  const text = (key: TextKey, field: string, label: string, extra: Record<string, unknown>) => (
    <Field id={`wiz-${field}`} label={label} errors={issues.errors(`cloudInit.${field}`)}>
      {(a) => (
        <input
          {...a}
          {...extra}
          type="text"
          spellcheck={false}
          autocomplete="off"
          disabled={off}
          value={draft[key]}
          onInput={(e) => set({ [key]: e.currentTarget.value } as Partial<Draft>)}
        />
      )}
    </Field>
  );

  return (
    <fieldset class="subfieldset cloud-init" aria-describedby="wiz-ci-note">
      <legend>{CLOUD_INIT}</legend>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={available && draft.cloudInit}
          disabled={!available}
          onChange={(e) => set({ cloudInit: e.currentTarget.checked })}
        />
        {t("Configure the guest with a cloud-init seed (for cloud images)")}
      </label>
      <p id="wiz-ci-note" class={available ? "field-hint" : "notice notice-info"}>
        {available
          ? t("A small NoCloud ISO is written to the storage pool and attached as a CD-ROM.")
          : noCloudInit()}
      </p>
      {text("ciHostname", "hostname", t("Host name"), {
        placeholder: hostnameFromVmName(draft.name || "vm"),
      })}
      <div class="field-row">
        {text("ciUser", "user", t("User (gets sudo)"), {
          // deno-lint-ignore translate/untranslated-text -- a sample user name, not words
          placeholder: "admin",
        })}
        {text("ciPasswordHash", "passwordHash", t("Password hash"), {
          // deno-lint-ignore translate/untranslated-text -- a sample hash and the command that makes one
          placeholder: "$6$… (mkpasswd -m sha-512)",
        })}
      </div>
      <Field
        id="wiz-sshKeys"
        label={t("SSH public keys")}
        hint={t("One key per line.")}
        errors={issues.errors("cloudInit.sshKeys")}
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            spellcheck={false}
            disabled={off}
            // deno-lint-ignore translate/untranslated-text -- a sample key, not words
            placeholder="ssh-ed25519 AAAA… user@host"
            value={draft.ciSshKeys}
            onInput={(e) => set({ ciSshKeys: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        id="wiz-userData"
        label={t("Raw user-data (optional)")}
        hint={t("Used as is instead of the settings above; starts with #cloud-config or #!.")}
        errors={issues.errors("cloudInit.userData")}
      >
        {(a) => (
          <textarea
            {...a}
            rows={5}
            spellcheck={false}
            disabled={off}
            class="mono"
            placeholder={USER_DATA_EXAMPLE}
            value={draft.ciUserData}
            onInput={(e) => set({ ciUserData: e.currentTarget.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
