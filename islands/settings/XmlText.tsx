// The box a domain's XML is written in, on the VM's Advanced tab and on the import page: wide
// monospace text (xml-text) that the browser never spell-checks, named for screen readers by
// `label` since it has no visible label of its own.

interface Props {
  label: string;
  rows: number;
  value: string;
  onValue: (xml: string) => void;
  placeholder?: string;
  disabled?: boolean;
}

export function XmlText({ label, onValue, ...rest }: Props) {
  return (
    <textarea
      class="xml-text"
      aria-label={label}
      spellcheck={false}
      {...rest}
      onInput={(e) => onValue(e.currentTarget.value)}
    />
  );
}
