// The state label of a pool or network: libvirt calls both "active" or "inactive".

export function ActiveBadge({ active }: { active: boolean }) {
  return (
    <span class={`badge badge-${active ? "running" : "stopped"}`}>
      {active ? "Active" : "Inactive"}
    </span>
  );
}
