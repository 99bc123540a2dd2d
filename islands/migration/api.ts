// Browser calls to the migration API and its progress events; failures carry the API's words.

import type { HostStatus } from "../../shared/hosts.ts";
import type {
  MigrationInput,
  MigrationJob,
  MigrationProgressEvent,
} from "../../shared/migration.ts";
import { eventsPath, hostsPath, vmMigratePath, vmMigrationPath } from "../../shared/api_paths.ts";
import { ApiRequestError, request } from "../client/api.ts";
import { withHost } from "../client/host.ts";

/** Every host; the page's own is among them (the caller leaves it out). */
export const listHosts = () => request<HostStatus[]>("GET", hostsPath());

export const startMigration = (vmId: string, body: MigrationInput) =>
  request<MigrationJob>("POST", vmMigratePath(vmId), body);

export const cancelMigration = (vmId: string) =>
  request<MigrationJob>("DELETE", vmMigrationPath(vmId));

/** The VM's latest migration, or null when it has had none. */
export async function lastMigration(vmId: string): Promise<MigrationJob | null> {
  try {
    return await request<MigrationJob>("GET", vmMigrationPath(vmId));
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === "NO_MIGRATION") return null;
    throw err;
  }
}

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
