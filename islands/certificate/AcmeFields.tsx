// The ACME form's fields: the CA (a known one or another's directory URL), the contact address,
// the names, the challenge (HTTP-01 on a port, or DNS-01 through a hook from the hook folder), the
// internal CA's file, when to renew, and the agreement to the CA's terms. A refusal naming a field
// is shown under it.

import { ACME_DIRECTORIES } from "../../shared/acme.ts";
import { Checkbox, RadioGroup, SelectField, TextField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";
import { type AcmeDraft, OTHER_CA } from "./draft.ts";

// Examples in the empty fields: a step-ca directory, a name, an internal CA's file.
const EXAMPLE_URL = "https://ca.example.com/acme/acme/directory";
const EXAMPLE_NAME = "kvm.example.com";
const EXAMPLE_CA_FILE = "/etc/ssl/certs/internal-ca.pem";

interface Props {
  draft: AcmeDraft;
  set(change: Partial<AcmeDraft>): void;
  hooks: string[];
  hookDir: string;
  errorsOf(field: string): string[];
  disabled: boolean;
}

export function AcmeFields({ draft: d, set, hooks, hookDir, errorsOf, disabled }: Props) {
  return (
    <>
      <div class="field-row">
        <SelectField
          id="acme-ca"
          label={t("Certificate authority")}
          disabled={disabled}
          options={[
            ...ACME_DIRECTORIES.map((ca) => [ca.url, ca.name] as const),
            [OTHER_CA, t("Another ACME CA (step-ca, ZeroSSL …)")],
          ]}
          value={d.ca}
          onValue={(ca) => set({ ca })}
          errors={d.ca === OTHER_CA ? [] : errorsOf("directoryUrl")}
        />
        {d.ca === OTHER_CA && (
          <TextField
            id="acme-url"
            label={t("ACME directory URL")}
            type="url"
            maxLength={1024}
            placeholder={EXAMPLE_URL}
            disabled={disabled}
            value={d.otherUrl}
            onValue={(otherUrl) => set({ otherUrl })}
            errors={errorsOf("directoryUrl")}
          />
        )}
      </div>
      <div class="field-row">
        <TextField
          id="acme-domains"
          label={t("Domains")}
          hint={t(
            "The names browsers reach this server by, separated by spaces; the first is the certificate's common name.",
          )}
          placeholder={EXAMPLE_NAME}
          maxLength={5200}
          spellcheck={false}
          disabled={disabled}
          value={d.domains}
          onValue={(domains) => set({ domains })}
          errors={errorsOf("domains")}
        />
        <TextField
          id="acme-email"
          label={t("Contact e-mail")}
          hint={t("The CA writes here about this account, e.g. before a certificate expires.")}
          maxLength={254}
          autocomplete="email"
          disabled={disabled}
          value={d.email}
          onValue={(email) => set({ email })}
          errors={errorsOf("email")}
        />
      </div>
      <RadioGroup
        legend={t("How the CA checks this server answers for the names")}
        name="acme-challenge"
        value={d.challenge}
        onValue={(challenge) => set({ challenge: challenge as AcmeDraft["challenge"] })}
        options={[
          ["http-01", t("HTTP-01: the CA fetches a file from this server on port 80")],
          ["dns-01", t("DNS-01: a hook sets a TXT record (also for wildcard names)")],
        ]}
      />
      {d.challenge === "http-01"
        ? (
          <TextField
            id="acme-port"
            label={t("Port the CA connects to")}
            hint={t("80 for public CAs. KVM Manager listens on it only while an order runs.")}
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            disabled={disabled}
            value={d.port}
            onValue={(port) => set({ port })}
            errors={errorsOf("challenge")}
          />
        )
        : (
          <div class="field-row">
            <SelectField
              id="acme-hook"
              label={t("DNS hook")}
              hint={hooks.length
                ? t(
                  "An executable in {{dir}}, called with add or remove, the record and its value.",
                  { dir: hookDir },
                )
                : t(
                  "No hook yet: put an executable in {{dir}}, owned by root and writable only by root.",
                  { dir: hookDir },
                )}
              disabled={disabled || hooks.length === 0}
              options={hooks.length ? hooks.map((h) => [h, h] as const) : [["", t("None found")]]}
              value={d.hook}
              onValue={(hook) => set({ hook })}
              errors={errorsOf("challenge")}
            />
            <TextField
              id="acme-wait"
              label={t("Seconds to wait for DNS")}
              hint={t("After the hook, before the CA looks the record up (0-600).")}
              type="number"
              inputMode="numeric"
              min={0}
              max={600}
              disabled={disabled}
              value={d.waitSeconds}
              onValue={(waitSeconds) => set({ waitSeconds })}
            />
          </div>
        )}
      <div class="field-row">
        <TextField
          id="acme-ca-file"
          label={t("CA file of the ACME server (optional)")}
          hint={t("For an internal CA: the PEM file that signed its HTTPS certificate.")}
          placeholder={EXAMPLE_CA_FILE}
          maxLength={4096}
          spellcheck={false}
          disabled={disabled}
          value={d.caFile}
          onValue={(caFile) => set({ caFile })}
          errors={errorsOf("caFile")}
        />
        <TextField
          id="acme-renew"
          label={t("Renew when fewer days are left")}
          hint={t("Or when a third of its lifetime is left, if that comes first (1-90).")}
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          disabled={disabled}
          value={d.renewDays}
          onValue={(renewDays) => set({ renewDays })}
          errors={errorsOf("renewDays")}
        />
      </div>
      <Checkbox
        label={t("I agree to the certificate authority's terms of service")}
        checked={d.termsAgreed}
        disabled={disabled}
        onChecked={(termsAgreed) => set({ termsAgreed })}
      />
      {errorsOf("termsAgreed").map((e) => <p key={e} class="field-error" role="alert">{e}</p>)}
    </>
  );
}
