// The cloud-init part of the network step: host name, user, password (or its hash), SSH keys or
// user-data, and static addresses instead of DHCP (a network-config).

import { hostnameFromVmName } from "../../shared/cloud_init.ts";
import { Checkbox, TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import type { StepProps } from "./step.ts";
import { stepFields } from "./step_fields.ts";

/** Why cloud-init cannot be chosen on the demo driver, in the current language. */
export const noCloudInit = () =>
  t("Cloud-init needs a real libvirt host; the demo driver cannot write the seed.");

// The tool's name, which no language changes.
const CLOUD_INIT = "Cloud-init";

const USER_DATA_EXAMPLE = "#cloud-config\npackages: [qemu-guest-agent]";
const ADDRESS_EXAMPLE = "192.168.1.50/24\n2001:db8::50/64";

// The network-config's one-line fields, two to a row: the validator's field, the draft's key,
// the label and a sample value.
const NETWORK_ROWS = [
  [
    ["network.gateway4", "ciGateway4", tKey("IPv4 gateway"), "192.168.1.1"],
    ["network.gateway6", "ciGateway6", tKey("IPv6 gateway"), "2001:db8::1"],
  ],
  [
    ["network.dns", "ciDns", tKey("DNS servers"), "1.1.1.1 9.9.9.9"],
    ["network.search", "ciSearch", tKey("Search domains"), "lan"],
  ],
] as const;

export function CloudInitFields({ draft, set, options, issues }: StepProps) {
  const available = options.cloudInitAvailable;
  const fields = stepFields({ draft, set, issues });
  // Each field is named `wiz-<field>` after the validator's `cloudInit.<field>`; `key` is where
  // the draft holds it.
  const seedField = (field: string, key: Parameters<typeof fields.path>[0]) => ({
    id: `wiz-${field}`,
    ...fields.path(key, `cloudInit.${field}`),
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
        {...seedField("hostname", "ciHostname")}
        label={t("Host name")}
        autocomplete="off"
        placeholder={hostnameFromVmName(draft.name || "vm")}
      />
      <div class="field-row">
        <TextField
          {...seedField("user", "ciUser")}
          label={t("User (gets sudo)")}
          autocomplete="off"
          // deno-lint-ignore translate/untranslated-text -- a sample user name, not words
          placeholder="admin"
        />
        <TextField
          {...seedField("password", "ciPassword")}
          type="password"
          label={t("Password (hashed on the server, never stored)")}
          autocomplete="new-password"
        />
      </div>
      <details class="field-more" open={draft.ciPasswordHash !== ""}>
        <summary>{t("Use a password hash instead")}</summary>
        <TextField
          {...seedField("passwordHash", "ciPasswordHash")}
          label={t("Password hash")}
          autocomplete="off"
          // deno-lint-ignore translate/untranslated-text -- a sample hash and the command that makes one
          placeholder="$6$… (mkpasswd -m sha-512)"
        />
      </details>
      <TextAreaField
        {...seedField("sshKeys", "ciSshKeys")}
        label={t("SSH public keys")}
        hint={t("One key per line.")}
        rows={3}
        // deno-lint-ignore translate/untranslated-text -- a sample key, not words
        placeholder="ssh-ed25519 AAAA… user@host"
      />
      <TextAreaField
        {...seedField("userData", "ciUserData")}
        label={t("Raw user-data (optional)")}
        hint={t("Used as is instead of the settings above; starts with #cloud-config or #!.")}
        rows={5}
        inputClass="mono"
        placeholder={USER_DATA_EXAMPLE}
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
            {...seedField("network.addresses", "ciAddresses")}
            label={t("Addresses")}
            hint={t("IPv4 or IPv6 with its prefix, one per line, e.g. 192.168.1.50/24")}
            rows={2}
            placeholder={ADDRESS_EXAMPLE}
          />
          {NETWORK_ROWS.map((row) => (
            <div class="field-row" key={row[0][0]}>
              {row.map(([field, key, label, sample]) => (
                <TextField
                  key={field}
                  {...seedField(field, key)}
                  label={t(label)}
                  placeholder={sample}
                />
              ))}
            </div>
          ))}
        </>
      )}
    </fieldset>
  );
}
