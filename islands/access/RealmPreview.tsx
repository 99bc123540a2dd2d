// Who a realm's role map lets in, as a preview read from its directory: each user as they would
// sign in, their groups, and the role those give (or that they could not sign in), and a word
// when the directory held more members than a preview reads.

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { Notice } from "../../components/kit/Notice.tsx";
import { DASH } from "../../components/kit/cells.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { RealmPreview as Preview } from "../../shared/realms.ts";
import { roleName } from "./format.ts";

type User = Preview["users"][number];

export function RealmPreview({ preview, id }: { preview: Preview; id: string }) {
  const columns: Column<User>[] = [
    { id: "user", header: t("Account"), cell: (u) => u.user },
    {
      id: "groups",
      header: t("Groups"),
      cell: (u) => u.groups.length ? u.groups.join(", ") : DASH,
    },
    {
      id: "role",
      header: t("Role"),
      cell: (u) =>
        u.role ? roleName(u.role) : <span class="muted">{t("none: cannot sign in")}</span>,
    },
  ];
  return (
    <div class="realm-preview" id={id}>
      <DataTable
        label={t("Who would get which role")}
        rows={preview.users}
        empty={t("The directory holds no member of the groups searched.")}
        rowKey={(u) => u.user}
        rowAttrs={(u) => ({ "data-user": u.user, "data-role": u.role ?? "none" })}
        columns={columns}
      />
      {preview.truncated && (
        <Notice tone="warning">
          {t(
            "The directory holds more members than a preview reads: only the first are listed.",
          )}
        </Notice>
      )}
    </div>
  );
}
