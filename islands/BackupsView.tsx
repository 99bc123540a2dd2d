// Placeholder until the issue-6 work fills it in.

export default function BackupsView(_props: Record<string, unknown>) {
  return <p class="muted">Not built yet.</p>;
}
