// A VM's effective policy tags as small badges (nothing when it has none).

import { t } from "../../shared/i18n/t.ts";

export function TagList({ tags }: { tags?: string[] }) {
  if (!tags?.length) return null;
  return (
    <ul class="tag-list" aria-label={t("Tags")}>
      {tags.map((tag) => <li key={tag} class="tag">{tag}</li>)}
    </ul>
  );
}
