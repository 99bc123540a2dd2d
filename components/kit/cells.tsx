// Table cells the kit's tables share: a name in bold with its description under it, and the
// dash that stands for "nothing here".

export function NameCell({ name, description }: { name: string; description?: string | null }) {
  return (
    <>
      <strong>{name}</strong>
      {description && <div class="muted small">{description}</div>}
    </>
  );
}

export const DASH = <span class="muted">—</span>;
