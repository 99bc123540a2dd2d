// The libvirt host the page belongs to (routes/layout/Layout.tsx writes it as a meta tag): every
// API call, event stream and console socket of the page goes to that host, even when another
// tab has switched to a different one.

/** The page's host id; "local" when the page carries none. */
export function currentHost(): string {
  return globalThis.document?.querySelector<HTMLMetaElement>('meta[name="kvmm-host"]')?.content ||
    "local";
}

/** `path` with `host=` added for a page of another host than the local one. */
export function withHost(path: string, host = currentHost()): string {
  if (host === "local" || /[?&]host=/.test(path)) return path;
  return `${path}${path.includes("?") ? "&" : "?"}host=${encodeURIComponent(host)}`;
}

/** Whether the page is the all-hosts view (routes/layout/Layout.tsx marks it), whose API calls
 * still go to the local host unless they name another. */
export function allHostsView(): boolean {
  return globalThis.document?.querySelector('meta[name="kvmm-view"]')?.getAttribute("content") ===
    "all-hosts";
}
