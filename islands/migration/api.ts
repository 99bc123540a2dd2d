// Browser calls to the migration API and its progress events; failures carry the API's words.

import type { HostStatus } from "../../shared/hosts.ts";
import type {
  MigrationInput,
  MigrationJob,
  MigrationProgressEvent,
} from "../../shared/migration.ts";
import { eventsPath, hostsPath, vmMigratePath, vmMigrationPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";

/** Every host; the page's own is among them (the caller leaves it out). */
export const listHosts = () => request<HostStatus[]>("GET", hostsPath());

export const startMigration = (vmId: string, body: MigrationInput) =>
  request<MigrationJob>("POST", vmMigratePath(vmId), body);

export const cancelMigration = (vmId: string) =>
  request<MigrationJob>("DELETE", vmMigrationPath(vmId));

/**
 * The VM's latest migration, or null when it has had none (asked with `none=null`, so the
 * answer is a 200 null rather than a 404 the browser would log on every VM page).
 */
export const lastMigration = (vmId: string) =>
  request<MigrationJob | null>("GET", `${vmMigrationPath(vmId)}?none=null`);

/**
 * Calls `onEvent` with every `migration-progress` event of this VM on the page host's event
 * stream: a private one, opened only while a migration runs (the shared stream of
 * islands/client/events.ts delivers only the event types it lists). Returns its closer.
 */
export function watchMigration(
  vmId: string,
  onEvent: (e: MigrationProgressEvent) => void,
): () => void {
  const es = new EventSource(withHost(eventsPath()));
  es.addEventListener("migration-progress", (m) => {
    const e = JSON.parse((m as MessageEvent<string>).data) as MigrationProgressEvent;
    if (e.vmId === vmId) onEvent(e);
  });
  return () => es.close();
}
