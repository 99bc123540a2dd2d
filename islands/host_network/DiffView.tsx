// A unified diff as text, each added line and removed line marked (coloured by static/
// host_network.css), the file names and hunk headers quiet.

function lineClass(line: string): string | undefined {
  if (/^(\+\+\+|---|@@|===)/.test(line)) {
    return "diff-meta";
  }
  if (line.startsWith("+")) return "diff-add";
  if (line.startsWith("-")) return "diff-del";
  return undefined;
}

export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, "").split("\n");
  return (
    <pre class="diff" aria-label={label} tabIndex={0}>
      {lines.map((line, n) => (
        <span key={n} class={lineClass(line)}>
          {line}
          {"\n"}
        </span>
      ))}
    </pre>
  );
}
