// Placeholder until the issue-6 work fills it in.

export default function VmBackups(_props: { vmId: string; vmName: string }) {
  return <p class="muted">Not built yet.</p>;
}
