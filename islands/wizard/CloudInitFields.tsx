// The cloud-init part of the network step: host name, user, password (or its hash), SSH keys or
// user-data, and static addresses instead of DHCP (a network-config).

import { hostnameFromVmName } from "../../shared/cloud_init.ts";
import { Checkbox, TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";

/** Why cloud-init cannot be chosen on the demo driver, in the current language. */
export const noCloudInit = () =>
  t("Cloud-init needs a real libvirt host; the demo driver cannot write the seed.");

// The tool's name, which no language changes.
const CLOUD_INIT = "Cloud-init";

const USER_DATA_EXAMPLE = "#cloud-config\npackages: [qemu-guest-agent]";
const ADDRESS_EXAMPLE = "192.168.1.50/24\n2001:db8::50/64";

export function CloudInitFields({ draft, set, options, issues }: StepProps) {
  const available = options.cloudInitAvailable;
  const fields = heldDraft(draft, set);
  // Each field is named `wiz-<field>` after the validator's `cloudInit.<field>`.
  const seedField = (field: string) => ({
    id: `wiz-${field}`,
    errors: issues.errors(`cloudInit.${field}`),
    spellcheck: false,
    disabled: !available || !draft.cloudInit,
  });

  return (
    <fieldset class="subfieldset cloud-init" aria-describedby="wiz-ci-note">
      <legend>{CLOUD_INIT}</legend>
      <Checkbox
        label={t("Configure the guest with a cloud-init seed (for cloud images)")}
        checked={available && draft.cloudInit}
        disabled={!available}
        onChecked={(cloudInit) => set({ cloudInit })}
      />
      <p id="wiz-ci-note" class={available ? "field-hint" : "notice notice-info"}>
        {available
          ? t("A small NoCloud ISO is written to the storage pool and attached as a CD-ROM.")
          : noCloudInit()}
      </p>
      <TextField
        {...seedField("hostname")}
        label={t("Host name")}
        autocomplete="off"
        placeholder={hostnameFromVmName(draft.name || "vm")}
        {...fields.text("ciHostname")}
      />
      <div class="field-row">
        <TextField
          {...seedField("user")}
          label={t("User (gets sudo)")}
          autocomplete="off"
          // deno-lint-ignore translate/untranslated-text -- a sample user name, not words
          placeholder="admin"
          {...fields.text("ciUser")}
        />
        <TextField
          {...seedField("password")}
          type="password"
          label={t("Password (hashed on the server, never stored)")}
          autocomplete="new-password"
          {...fields.text("ciPassword")}
        />
      </div>
      <details class="field-more" open={draft.ciPasswordHash !== ""}>
        <summary>{t("Use a password hash instead")}</summary>
        <TextField
          {...seedField("passwordHash")}
          label={t("Password hash")}
          autocomplete="off"
          // deno-lint-ignore translate/untranslated-text -- a sample hash and the command that makes one
          placeholder="$6$… (mkpasswd -m sha-512)"
          {...fields.text("ciPasswordHash")}
        />
      </details>
      <TextAreaField
        {...seedField("sshKeys")}
        label={t("SSH public keys")}
        hint={t("One key per line.")}
        rows={3}
        // deno-lint-ignore translate/untranslated-text -- a sample key, not words
        placeholder="ssh-ed25519 AAAA… user@host"
        {...fields.text("ciSshKeys")}
      />
      <TextAreaField
        {...seedField("userData")}
        label={t("Raw user-data (optional)")}
        hint={t("Used as is instead of the settings above; starts with #cloud-config or #!.")}
        rows={5}
        inputClass="mono"
        placeholder={USER_DATA_EXAMPLE}
        {...fields.text("ciUserData")}
      />
      <Checkbox
        label={t("Static addresses instead of DHCP")}
        checked={draft.ciStatic}
        disabled={!available || !draft.cloudInit}
        onChecked={(ciStatic) => set({ ciStatic })}
      />
      {draft.ciStatic && (
        <>
          <TextAreaField
            {...seedField("network.addresses")}
            label={t("Addresses")}
            hint={t("IPv4 or IPv6 with its prefix, one per line, e.g. 192.168.1.50/24")}
            rows={2}
            placeholder={ADDRESS_EXAMPLE}
            {...fields.text("ciAddresses")}
          />
          <div class="field-row">
            <TextField
              {...seedField("network.gateway4")}
              label={t("IPv4 gateway")}
              placeholder="192.168.1.1"
              {...fields.text("ciGateway4")}
            />
            <TextField
              {...seedField("network.gateway6")}
              label={t("IPv6 gateway")}
              // deno-lint-ignore translate/untranslated-text -- a sample address, not words
              placeholder="2001:db8::1"
              {...fields.text("ciGateway6")}
            />
          </div>
          <div class="field-row">
            <TextField
              {...seedField("network.dns")}
              label={t("DNS servers")}
              placeholder="1.1.1.1 9.9.9.9"
              {...fields.text("ciDns")}
            />
            <TextField
              {...seedField("network.search")}
              label={t("Search domains")}
              // deno-lint-ignore translate/untranslated-text -- a sample domain, not words
              placeholder="lan"
              {...fields.text("ciSearch")}
            />
          </div>
        </>
      )}
    </fieldset>
  );
}
