// Placeholder until the issue-6 work fills it in.

export default function VmSnapshots(_props: { vmId: string; vmName: string; state: string }) {
  return <p class="muted">Not built yet.</p>;
}
