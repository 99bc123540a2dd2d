// The VM list's "IP address" cell: the first address, "+N" for the rest (all of them in the
// title), "—" when none is known.

export function ipSummary(
  addresses: string[] | undefined,
): { first: string; more: number; title: string } | null {
  if (!addresses?.length) return null;
  return { first: addresses[0], more: addresses.length - 1, title: addresses.join(", ") };
}

export function IpCell({ addresses }: { addresses: string[] | undefined }) {
  const ip = ipSummary(addresses);
  if (!ip) return <span class="muted">—</span>;
  return (
    <span class="vm-ip" title={ip.title}>
      <code>{ip.first}</code>
      {ip.more > 0 && <span class="muted">{` +${ip.more}`}</span>}
    </span>
  );
}
