// A VM's effective policy tags as small badges (nothing when it has none).

export function TagList({ tags }: { tags?: string[] }) {
  if (!tags?.length) return null;
  return (
    <ul class="tag-list" aria-label="Tags">
      {tags.map((t) => <li key={t} class="tag">{t}</li>)}
    </ul>
  );
}
