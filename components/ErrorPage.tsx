// Body of the page shown when a page's data cannot be loaded (unknown VM, libvirt down) or
// when no page has the path asked for.

const TITLES: Record<number, string> = {
  403: "Permission denied",
  404: "Not found",
  409: "Conflict",
  503: "libvirt unavailable",
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <section class="card error-page">
      <h1>{TITLES[status] ?? "Something went wrong"}</h1>
      <p class="error-message">{message}</p>
      <ul class="error-links">
        <li>
          <a href="/">Go to the dashboard</a>
        </li>
        <li>
          <a href="/vms">Back to virtual machines</a>
        </li>
      </ul>
    </section>
  );
}
