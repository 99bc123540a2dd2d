// Table cells the kit's tables share: a name in bold with its description under it, a long
// text cut short with the whole of it on hover, and the dash that stands for "nothing here".

export function NameCell({ name, description }: { name: string; description?: string | null }) {
  return (
    <>
      <strong>{name}</strong>
      {description && <div class="muted small">{description}</div>}
    </>
  );
}

export const DASH = <span class="muted">—</span>;

/**
 * A long one-line value (a path, a range) in a cell of its own width: cut short with an ellipsis
 * where the column ends (static/kit.css .clip), the whole text in its title. Put "clip-cell" on
 * the column so the cell gives it a width to end at.
 */
export function ClipText({ text }: { text: string | null | undefined }) {
  if (!text) return DASH;
  return <span class="clip" title={text}>{text}</span>;
}
