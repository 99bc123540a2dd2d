// Where a worker's module is. From source, the worker's .ts file beside its caller; in the
// bundled server (scripts/bundle_server.ts writes dist/server.js), every caller is inside
// dist/server.js and each worker is a bundle of its own beside it, named here.

/** The bundles scripts/bundle_server.ts makes, by worker source (relative to the project). */
export const WORKER_BUNDLES = {
  "ffi/libvirt/worker.ts": "libvirt-worker.js",
  "ffi/libvirt/console_worker.ts": "libvirt-console-worker.js",
  "ffi/pam/worker.ts": "pam-worker.js",
  "lib/consoles/thumbnail_worker.ts": "thumbnail-worker.js",
  "lib/images/piece_worker.ts": "piece-worker.js",
} as const;

/**
 * The URL to start `worker` from, for a caller whose `import.meta.url` is `callerUrl`: the
 * bundle beside dist/server.js when the caller is bundled (a .js module), else the source.
 */
export function workerUrl(callerUrl: string, worker: keyof typeof WORKER_BUNDLES): URL {
  if (callerUrl.endsWith(".js")) return new URL(`./${WORKER_BUNDLES[worker]}`, callerUrl);
  return new URL(`./${worker.split("/").pop()}`, callerUrl);
}
