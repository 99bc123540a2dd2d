// The tags of a policy, typed with commas (or one a line).

interface Props {
  id: string;
  value: string;
  set: (value: string) => void;
}

export function TagsField({ id, value, set }: Props) {
  return (
    <div class="form-field">
      <label for={id}>Tags</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder="e.g. production, web"
        aria-describedby={`${id}-hint`}
        onInput={(e) => set(e.currentTarget.value)}
      />
      <p class="form-hint" id={`${id}-hint`}>Separated by commas</p>
    </div>
  );
}
