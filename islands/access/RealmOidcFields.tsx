// The realm dialog's fields for an OpenID Connect provider: its issuer, this server's client id
// and write-only secret (empty keeps the stored one, with "remove"), the scopes as providers
// write them, the claims that name the user and list their groups, and the two addresses the
// provider must know of this server (as this browser reaches it).

import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import type { DraftFields } from "../../components/kit/FormFieldsDraft.tsx";
import type { Draft } from "../../components/kit/use_form.ts";
import { oidcCallbackPath } from "../../shared/api_paths.ts";
import { t } from "../../shared/i18n/t.ts";
import type { RealmDraft } from "./realm_form.ts";
import type { OidcRealm } from "./realms_api.ts";

interface Props {
  /** The realm edited; null: a new one. */
  realm: OidcRealm | null;
  draft: Draft<RealmDraft>;
  field: DraftFields<RealmDraft>;
}

/** The redirect URI to register at the provider (routes/api/oidc.ts's callback). */
const callbackUri = () => new URL(oidcCallbackPath(), location.origin).href;
/** Where the provider's sign-out sends the browser back: the sign-in page. */
const logoutUri = () => new URL("/login", location.origin).href;

export function RealmOidcFields({ realm, draft, field }: Props) {
  return (
    <>
      <fieldset class="subfieldset">
        <legend>{t("Provider")}</legend>
        {field.text("issuer", {
          label: t("Issuer URL"),
          hint: t(
            "The provider's issuer; its settings are read from ISSUER/.well-known/openid-configuration.",
          ),
          // deno-lint-ignore translate/untranslated-text -- a sample value, not words
          placeholder: "https://sso.example.com/realms/corp",
          required: true,
          spellcheck: false,
        })}
        {field.text("clientId", {
          label: t("Client ID"),
          hint: t("The id the provider gave this server when it was registered."),
          required: true,
          spellcheck: false,
        })}
        <ClientSecret realm={realm} draft={draft} />
        {field.text("scopes", {
          label: t("Scopes"),
          hint: t("Asked for besides openid, separated by spaces."),
          spellcheck: false,
        })}
        {field.text("timeoutSeconds", {
          label: t("Timeout in seconds"),
          type: "number",
          min: 1,
          max: 60,
        })}
      </fieldset>

      <fieldset class="subfieldset">
        <legend>{t("Claims")}</legend>
        {field.text("usernameClaim", {
          label: t("User name claim"),
          hint: t("preferred_username, email or upn: users sign in as its value@realm."),
          spellcheck: false,
        })}
        {field.text("groupsClaim", {
          label: t("Groups claim"),
          hint: t("The claim listing the user's groups, which the role map names."),
          spellcheck: false,
        })}
      </fieldset>

      <fieldset class="subfieldset">
        <legend>{t("To register at the provider")}</legend>
        <p class="field-hint">
          {t("Tell the provider these addresses of this server, as users reach it.")}
        </p>
        {/* Read-only fields: selected and copied whole, and as wide as the form on a phone. */}
        <TextField
          id="realm-callback-uri"
          label={t("Redirect URI")}
          readOnly
          spellcheck={false}
          value={callbackUri()}
          onValue={() => {}}
        />
        <TextField
          id="realm-logout-uri"
          label={t("Post-logout redirect URI")}
          readOnly
          spellcheck={false}
          value={logoutUri()}
          onValue={() => {}}
        />
      </fieldset>
    </>
  );
}

/** Write-only: empty keeps the stored one; "remove" drops it (a public client, PKCE alone). */
function ClientSecret({ realm, draft }: { realm: OidcRealm | null; draft: Draft<RealmDraft> }) {
  const d = draft.value;
  const stored = realm?.hasClientSecret ?? false;
  return (
    <>
      <TextField
        id="realm-client-secret"
        type="password"
        label={t("Client secret")}
        hint={stored
          ? t("A secret is kept; empty keeps it. Changing the issuer or client ID needs it again.")
          : t("Empty: a public client (PKCE alone). The secret is never shown again.")}
        autocomplete="new-password"
        disabled={d.removeSecret}
        value={d.clientSecret}
        onValue={(clientSecret) => draft.set({ clientSecret })}
      />
      {stored && (
        <Checkbox
          id="realm-remove-secret"
          label={t("Remove the kept secret")}
          {...draft.flag("removeSecret")}
        />
      )}
    </>
  );
}
