// The Edit and Delete buttons of a saved item's row (a rule, a target, a job, a profile), as an
// actionList takes them: Edit opens the item's form, Delete (red) asks first. One piece, so every
// list of saved items names and colours them alike.

import type { RowAction } from "./action_list.tsx";
import { t } from "../../shared/i18n/t.ts";

/** What both buttons share: who may see them ("needs-admin"), which rows have them. */
type Shared<T> = Pick<RowAction<T>, "class" | "when">;

export function editDeleteActions<T>(
  onEdit: (row: T) => void,
  onDelete: (row: T) => void,
  shared: Shared<T> = {},
): RowAction<T>[] {
  return [
    { action: t("Edit"), ...shared, run: onEdit },
    { action: t("Delete"), kind: "danger", ...shared, run: onDelete },
  ];
}
