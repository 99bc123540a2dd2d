// The sign-in realms card of /access: the directories (LDAP, Active Directory) and OpenID Connect
// providers whose users sign in as user@realm, each with its URL or issuer, security, the groups
// that give roles and its last change; New realm and Edit open the realm's dialog, Preview shows
// who a saved directory lets in now (a provider tells nobody before they sign in), Delete asks
// first (the realm's users' sessions end).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { Card } from "../../components/kit/Card.tsx";
import { NewButton } from "../../components/kit/ListToolbar.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { AskNamedDialog, Dialog } from "../../components/kit/Dialog.tsx";
import { DialogClose } from "../../components/kit/DialogClose.tsx";
import { ErrorNotice, Notice } from "../../components/kit/Notice.tsx";
import { useRequest } from "../../components/kit/use_request.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import { formatTime } from "../backups/format.ts";
import { roleName } from "./format.ts";
import { securityLabel } from "./realm_form.ts";
import {
  deleteRealm,
  type LdapRealm,
  listRealms,
  previewRealm,
  type Realm,
  type RealmPreview,
} from "./realms_api.ts";
import { RealmDialog } from "./RealmDialog.tsx";
import { RealmPreview as PreviewTable } from "./RealmPreview.tsx";
import { useCardRemoval } from "./use_card_removal.ts";

export function RealmsCard({ ready }: { ready: boolean }) {
  const realms = useSignal<Realm[] | null>(null);
  const loading = useRequest({ keepErrorWhileBusy: true });
  const reload = () =>
    loading.run(async () => {
      realms.value = await listRealms();
    });
  useEffect(() => {
    reload();
  }, []);
  // The dialog open, keyed: each opening starts from the realm's saved fields.
  const editing = useSignal<{ realm: Realm | null; n: number } | null>(null);
  const open = (realm: Realm | null) => editing.value = { realm, n: (editing.value?.n ?? 0) + 1 };
  const removing = useCardRemoval((realm: Realm) => deleteRealm(realm.name), reload);
  const previewed = usePreviewDialog();
  const busy = !ready || removing.busy;

  const columns: Column<Realm>[] = [
    { id: "name", header: t("Name"), cell: (r) => r.name },
    // A phone shows the name and the actions (Edit shows the rest): three buttons leave no room.
    { id: "label", header: t("Label"), cell: (r) => r.label, hideOnSmall: true },
    {
      id: "url",
      header: t("URL or issuer"),
      cell: (r) => <code class="realm-url">{realmUrl(r)}</code>,
      hideOnSmall: true,
    },
    { id: "security", header: t("Security"), cell: realmSecurity, hideOnSmall: true },
    {
      id: "roles",
      header: t("Groups → roles"),
      cell: (r) => <RoleMap realm={r} />,
      hideOnSmall: true,
    },
    {
      id: "changed",
      header: t("Last change"),
      cell: (r) => t("{{time}} by {{user}}", { time: formatTime(r.updatedAt), user: r.updatedBy }),
      hideOnSmall: true,
    },
    actionList({ name: (r) => r.name, busy }, [
      { action: t("Edit"), run: open },
      // A directory's: a provider names its users only when they sign in (the intro says so).
      { action: t("Preview"), run: previewed.show, when: isLdap },
      { action: t("Delete"), kind: "danger", run: removing.confirm.ask },
    ]),
  ];

  return (
    <Card
      id="realms"
      title={t("Sign-in realms")}
      actions={<NewButton label={t("New realm")} disabled={!ready} onClick={() => open(null)} />}
      intro={t(
        "Directories (LDAP, Active Directory) and OpenID Connect providers whose users sign in as user@realm beside this host's accounts, with the role their groups give. Preview reads a directory; a provider names its users only when they sign in.",
      )}
    >
      <ErrorNotice message={loading.error.value} />
      <DataTable
        // Not the card's title: two regions of one name are one landmark twice (axe).
        label={t("Realms and their directories or providers")}
        class="realm-table"
        {...loadedRows(
          realms.value,
          t("Loading…"),
          t("No realm yet: only this host's accounts sign in."),
        )}
        rowKey={(r) => r.name}
        rowAttrs={(r) => ({ "data-realm": r.name })}
        columns={columns}
      />
      {editing.value && (
        <RealmDialog
          key={editing.value.n}
          realm={editing.value.realm}
          onSaved={reload}
          onClose={() => editing.value = null}
        />
      )}
      <PreviewDialog state={previewed} />
      <AskNamedDialog
        confirm={removing.confirm}
        title={t("Delete sign-in realm")}
        question={t(
          "Delete the realm {{name}}? Its users are signed out at once and can no longer sign in; roles assigned to them stay.",
          { name: "{{name}}" },
        )}
        onConfirm={removing.remove}
      />
    </Card>
  );
}

const isLdap = (r: Realm): r is LdapRealm => r.kind === "ldap";

/** Where the realm signs in: the directory's URL, or the provider's issuer. */
const realmUrl = (r: Realm) => r.kind === "ldap" ? r.config.url : r.config.issuer;

const realmSecurity = (r: Realm) => r.kind === "ldap" ? securityLabel(r.config.security) : OIDC;
// deno-lint-ignore translate/untranslated-text -- a protocol's name, not words
const OIDC = "OpenID Connect";

/** "vm-ops → operator", one a line; none: nobody can sign in. */
function RoleMap({ realm }: { realm: Realm }) {
  const map = realm.config.roleMap;
  if (map.length === 0) return <span class="muted">{t("none: nobody can sign in")}</span>;
  return (
    <>
      {map.map((m, i) => (
        <span key={i} class="realm-role">
          {i > 0 && <br />}
          <code>{m.group}</code> → {roleName(m.role)}
        </span>
      ))}
    </>
  );
}

/** The saved realm's preview, in a dialog of its own: read each time it opens. */
function usePreviewDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const realm = useSignal<Realm | null>(null);
  const preview = useSignal<RealmPreview | null>(null);
  const request = useRequest();
  const show = (r: Realm) => {
    realm.value = r;
    preview.value = null;
    dialogRef.current?.showModal();
    request.run(async () => {
      preview.value = await previewRealm(r.name);
    });
  };
  return { dialogRef, realm, preview, request, show };
}

function PreviewDialog({ state }: { state: ReturnType<typeof usePreviewDialog> }) {
  const { dialogRef, realm, preview, request } = state;
  return (
    <Dialog dialogRef={dialogRef} title={t("Preview of a realm")} class="dialog-wide">
      <p>
        <Trans
          text={t("Who realm {{name}} lets in with which role, read from its directory now.", {
            name: "{{name}}",
          })}
          parts={{ name: <strong>{realm.value?.name}</strong> }}
        />
      </p>
      {request.busy.value && <Notice>{t("Reading the directory…")}</Notice>}
      <ErrorNotice message={request.error.value} />
      {preview.value && <PreviewTable id="realm-preview-saved" preview={preview.value} />}
      <DialogClose dialogRef={dialogRef} />
    </Dialog>
  );
}
