// A sign-in realm's dialog, new or edited: every field of the API's body (the name and the kind,
// a directory or an OpenID Connect provider, only when creating; the bind password or client
// secret write-only, empty keeping the stored one, with "remove"; the role map as rows of group
// and role), Preview for a directory (who the unsaved realm would let in, read from the directory
// now, nothing kept) and Save. A refusal shows above the buttons and the draft stays.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { type DraftFields, draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { type Draft, useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { useRequest } from "../../components/kit/use_request.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { type Role, ROLES } from "../../shared/auth.ts";
import { LDAP_SECURITY, type LdapSecurity, type RoleMapping } from "../../shared/realms.ts";
import { t } from "../../shared/i18n/t.ts";
import { roleName } from "./format.ts";
import {
  ldapBody,
  newRealmDraft,
  realmBody,
  type RealmDraft,
  realmDraft,
  roleRows,
  securityFor,
  securityLabel,
} from "./realm_form.ts";
import {
  type LdapRealm,
  previewRealm,
  type Realm,
  type RealmPreview as Preview,
  saveRealm,
} from "./realms_api.ts";
import { RealmPreview } from "./RealmPreview.tsx";
import { RealmOidcFields } from "./RealmOidcFields.tsx";

interface Props {
  /** The realm edited; null: a new one. */
  realm: Realm | null;
  onSaved: () => void;
  /** The dialog closed (saved or not): its owner drops it. */
  onClose: () => void;
}

export function RealmDialog({ realm, onSaved, onClose }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => dialogRef.current?.showModal(), []);
  const draft = useDraft(realm ? realmDraft(realm) : newRealmDraft());
  const d = draft.value;
  const field = draftFields(draft, "realm");
  const preview = useSignal<Preview | null>(null);
  const previewing = useRequest();
  const submit = useSubmit(async () => {
    await saveRealm(d.name.trim(), realmBody(d));
    dialogRef.current?.close();
    onSaved();
  });
  const runPreview = () =>
    previewing.run(async () => {
      // A refused save's words are about the fields as they were then.
      submit.failure.value = null;
      preview.value = null;
      preview.value = await previewRealm(d.name.trim(), ldapBody(d));
    });
  const oidc = d.kind === "oidc";

  return (
    <FormDialog
      dialogRef={dialogRef}
      id="realm-dialog"
      title={realm ? t("Edit realm {{name}}", { name: realm.name }) : t("New sign-in realm")}
      onSubmit={submit.onSubmit}
      onClose={onClose}
      closeLabel={t("Cancel")}
      submitLabel={t("Save")}
      busy={submit.busy.value}
    >
      {!realm && field.select("kind", {
        label: t("Kind"),
        options: [["ldap", t("LDAP directory")], ["oidc", t("OpenID Connect provider")]],
      })}
      {!realm && field.text("name", {
        label: t("Name"),
        hint: t("Users sign in as user@name: lower-case letters, digits and dashes."),
        maxLength: 32,
        required: true,
        spellcheck: false,
      })}
      {field.text("label", {
        label: t("Label"),
        hint: t("What the sign-in page shows."),
        maxLength: 64,
        required: true,
      })}

      {oidc
        ? <RealmOidcFields realm={realm?.kind === "oidc" ? realm : null} {...{ draft, field }} />
        : <LdapFields realm={realm?.kind === "ldap" ? realm : null} {...{ draft, field }} />}

      <RoleMapFields rows={d.roleMap} set={(roleMap) => draft.set({ roleMap })} />
      <Checkbox
        id="realm-provider-2fa"
        label={oidc
          ? t("The provider's sign-in already asks a second factor: do not ask ours")
          : t("The directory's sign-in already asks a second factor: do not ask ours")}
        {...draft.flag("providerSecondFactor")}
      />

      {oidc
        ? (
          <p class="form-hint" id="realm-no-preview">
            {t(
              "No preview: a provider tells who its users are and their groups only when they sign in.",
            )}
          </p>
        )
        : (
          <>
            <div class="form-buttons">
              <Button
                id="realm-preview"
                onClick={runPreview}
                disabled={previewing.busy.value}
                busy={previewing.busy.value}
              >
                {t("Preview")}
              </Button>
              <span class="form-hint">
                {t("Who would get which role, read from the directory now.")}
              </span>
            </div>
            <ErrorNotice message={previewing.error.value} />
            {preview.value && <RealmPreview id="realm-dialog-preview" preview={preview.value} />}
          </>
        )}
      <ErrorNotice message={submit.failure.value} />
    </FormDialog>
  );
}

interface LdapProps {
  realm: LdapRealm | null;
  draft: Draft<RealmDraft>;
  field: DraftFields<RealmDraft>;
}

/** A directory's fields: where it is, how it is reached, where its users and groups are. */
function LdapFields({ realm, draft, field }: LdapProps) {
  const d = draft.value;
  const anonymous = d.bindDn.trim() === "";
  return (
    <>
      <fieldset class="subfieldset">
        <legend>{t("Directory")}</legend>
        <TextField
          id="realm-url"
          label={t("URL")}
          // deno-lint-ignore translate/untranslated-text -- a sample value, not words
          placeholder="ldaps://ldap.example.com"
          required
          spellcheck={false}
          value={d.url}
          onValue={(url) => draft.set({ url, security: securityFor(url, d.security) })}
        />
        {field.select("security", {
          label: t("Security"),
          hint: t(
            "LDAPS for an ldaps:// URL; StartTLS or none for ldap://. Without TLS, passwords cross the network in clear.",
          ),
          options: LDAP_SECURITY.map((s: LdapSecurity) => [s, securityLabel(s)] as const),
        })}
        {field.text("caFile", {
          label: t("CA file"),
          hint: t(
            "A PEM file on this host of the CA that signed the directory's certificate; empty: the system's.",
          ),
          // deno-lint-ignore translate/untranslated-text -- a sample value, not words
          placeholder: "/etc/ssl/certs/corp-ca.pem",
          spellcheck: false,
        })}
        {field.text("bindDn", {
          label: t("Bind DN"),
          hint: t("The account that searches the directory; empty: anonymous searches."),
          spellcheck: false,
        })}
        <BindPassword realm={realm} anonymous={anonymous} draft={draft} />
        {field.text("timeoutSeconds", {
          label: t("Timeout in seconds"),
          type: "number",
          min: 1,
          max: 60,
        })}
      </fieldset>

      <fieldset class="subfieldset">
        <legend>{t("Users")}</legend>
        {field.text("userBase", { label: t("User base DN"), required: true, spellcheck: false })}
        {field.text("userAttribute", {
          label: t("User name attribute"),
          hint: t("uid (OpenLDAP), sAMAccountName (Active Directory)."),
          spellcheck: false,
        })}
        {field.text("userFilter", {
          label: t("User filter"),
          hint: t("More conditions a user must meet, an LDAP filter; empty: none."),
          // deno-lint-ignore translate/untranslated-text -- a sample value, not words
          placeholder: "(objectClass=person)",
          spellcheck: false,
        })}
      </fieldset>

      <fieldset class="subfieldset">
        <legend>{t("Groups")}</legend>
        {field.text("groupBase", { label: t("Group base DN"), required: true, spellcheck: false })}
        {field.text("groupFilter", { label: t("Group filter"), spellcheck: false })}
        {field.text("memberAttribute", {
          label: t("Member attribute"),
          hint: t("The group attribute holding its members' DNs."),
          spellcheck: false,
        })}
        {field.text("groupNameAttribute", {
          label: t("Group name attribute"),
          hint: t("The group attribute the role map names groups by."),
          spellcheck: false,
        })}
      </fieldset>
    </>
  );
}

interface PasswordProps {
  realm: LdapRealm | null;
  anonymous: boolean;
  draft: Draft<RealmDraft>;
}

/** Write-only: empty keeps the stored one; "remove" drops it; an anonymous search has none. */
function BindPassword({ realm, anonymous, draft }: PasswordProps) {
  const d = draft.value;
  const stored = realm?.hasBindPassword ?? false;
  const hint = anonymous
    ? t("Anonymous searches need no password.")
    : stored
    ? t("A password is kept; empty keeps it. Changing the URL or bind DN needs it again.")
    : t("The bind DN's password; it is never shown again.");
  return (
    <>
      <TextField
        id="realm-bind-password"
        type="password"
        label={t("Bind password")}
        hint={hint}
        autocomplete="new-password"
        disabled={anonymous || d.removePassword}
        value={d.bindPassword}
        onValue={(bindPassword) => draft.set({ bindPassword })}
      />
      {stored && !anonymous && (
        <Checkbox
          id="realm-remove-password"
          label={t("Remove the kept password")}
          {...draft.flag("removePassword")}
        />
      )}
    </>
  );
}

interface RoleMapProps {
  rows: RoleMapping[];
  set: (rows: RoleMapping[]) => void;
}

/** The role map: a row per directory group with its role, Remove on each, and Add group. */
function RoleMapFields({ rows, set }: RoleMapProps) {
  return (
    <fieldset class="subfieldset realm-roles">
      <legend>{t("Roles")}</legend>
      <p class="field-hint">
        <Trans
          text={t(
            "A user gets the highest role of the groups they are in; in none of them, they cannot sign in. A role assigned to {{user}} in Accounts wins.",
            { user: "{{user}}" },
          )}
          // deno-lint-ignore translate/untranslated-text -- the form of a name, not words
          parts={{ user: <code>user@name</code> }}
        />
      </p>
      {rows.map((row, i) => (
        <div class="realm-role-row" key={i} data-row={i}>
          <div class="form-row">
            <TextField
              id={`realm-group-${i}`}
              label={t("Group")}
              spellcheck={false}
              value={row.group}
              onValue={(group) => set(roleRows.set(rows, i, { group }))}
            />
            <SelectField
              id={`realm-role-${i}`}
              label={t("Role")}
              options={ROLES.map((r) => [r, roleName(r)] as const)}
              value={row.role}
              onValue={(role) => set(roleRows.set(rows, i, { role: role as Role }))}
            />
          </div>
          <Button
            small
            aria-label={t("Remove group {{n}}", { n: i + 1 })}
            onClick={() => set(roleRows.remove(rows, i))}
          >
            {t("Remove")}
          </Button>
        </div>
      ))}
      <div class="form-buttons">
        <Button small id="realm-add-group" onClick={() => set(roleRows.add(rows))}>
          {t("Add group")}
        </Button>
      </div>
    </fieldset>
  );
}
