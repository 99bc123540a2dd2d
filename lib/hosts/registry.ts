// The hosts KVM Manager manages, each with its own libvirt client and services: the local one
// the server started with, and remote ones added by URI and kept in the store. A host that is
// slow or gone affects only its own calls: each has its own worker threads and connection.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Store } from "../store.ts";
import { checkHostInput } from "./input.ts";
import { uriIssue, type UriPlaces, uriPlaces } from "./uri_policy.ts";
import { outsideTask } from "../tasks/current.ts";
import { type HostStatus, LOCAL_HOST } from "../../shared/hosts.ts";
import { inServerLanguage } from "../i18n/scope.ts";

/**
 * One host: its services (`ctx`) and its libvirt client. `Ctx` is lib/context.ts's AppContext
 * where the server composes hosts (lib/compose.ts); a feature that reads a few of a host's
 * services names just those, so that nothing here reaches back to the context that holds the
 * registry.
 */
export interface HostHandle<Ctx = unknown> {
  id: string;
  name: string;
  uri: string;
  local: boolean;
  ctx: Ctx;
  client: LibvirtClient;
  /**
   * Why a stored host is not opened: its URI breaks a rule of uri_policy.ts made after it was
   * added (it stays listed, disconnected with this reason, until removed). Unset: none.
   */
  refused?: string;
}

/** What opening a host gives (lib/compose.ts createContext), not yet connected. */
export interface OpenedHost<Ctx = unknown> {
  ctx: Ctx;
  client: LibvirtClient;
  /** Starts its background work: the same task list as the local host's (lib/background.ts). */
  start(): void;
  /** Stops its background work and closes its services and connection. */
  close(): Promise<void>;
}

export type HostOpener<Ctx = unknown> = (
  host: { id: string; name: string; uri: string },
) => OpenedHost<Ctx>;

interface Row {
  id: string;
  name: string;
  uri: string;
}

export const hostNotFound = (id: string) =>
  new AppError("HOST_NOT_FOUND", t("Host not found: {{id}}", { id }));

export class HostRegistry<Ctx = unknown> {
  #store: Store;
  #open: HostOpener<Ctx>;
  #local: HostHandle<Ctx> | null = null;
  #remote = new Map<string, HostHandle<Ctx> & { opened: OpenedHost<Ctx> }>();
  #started = false;
  /** Told when a host is added or removed (the merged event stream follows the hosts). */
  #watchers = new Set<() => void>();
  /** Where the files a host URI names may be (its key and known_hosts, TLS certificates). */
  #places: UriPlaces;
  /** Whether a host is in maintenance (lib/maintenance/ sets it); list() and status() say so. */
  #inMaintenance: (id: string) => boolean = () => false;

  /** `places`: by default the service user's ~/.ssh and no data folder (uriPlaces). */
  constructor({ store, open, places = uriPlaces(null) }: {
    store: Store;
    open: HostOpener<Ctx>;
    places?: UriPlaces;
  }) {
    this.#store = store;
    this.#open = open;
    this.#places = places;
  }

  /** Sets the host the server was started with; createContext calls this once. */
  setLocal(local: Omit<HostHandle<Ctx>, "local" | "id">): void {
    this.#local = { ...local, id: LOCAL_HOST, local: true };
  }

  /** Opens the stored remote hosts and connects them in the background. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const rows = this.#store.db.prepare("SELECT id, name, uri FROM hosts ORDER BY name")
      .all() as unknown as Row[];
    // Each stored URI is checked again: one added before a rule was made (a test:// file, a
    // known_hosts= that is ssh's config) must not be opened at every start.
    for (const row of rows) this.#openHost(row, uriIssue(row.uri, this.#places) ?? undefined);
  }

  #openHost(row: Row, refused?: string): HostHandle<Ctx> {
    const opened = this.#open(row);
    const handle = {
      ...row,
      local: false,
      ctx: opened.ctx,
      client: opened.client,
      opened,
      refused,
    };
    this.#remote.set(row.id, handle);
    if (refused) {
      this.#changed();
      return handle;
    }
    // Not awaited: an unreachable host must not hold up start-up or the request adding it.
    // Its services live on by themselves, apart from the "Add host" task of that request and
    // from its language.
    outsideTask(() =>
      inServerLanguage(() => {
        opened.client.connect();
        opened.start();
      })
    );
    this.#changed();
    return handle;
  }

  /** Calls `fn` after each host added or removed; returns its remover. */
  onChange(fn: () => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  #changed(): void {
    for (const fn of this.#watchers) {
      try {
        fn();
      } catch {
        // A broken watcher must not stop the others, nor the change.
      }
    }
  }

  /** The host with this id; 404 HOST_NOT_FOUND when there is none. */
  get(id: string): HostHandle<Ctx> {
    const host = this.find(id);
    if (!host) throw hostNotFound(id);
    return host;
  }

  find(id: string): HostHandle<Ctx> | undefined {
    if (id === LOCAL_HOST) return this.#local ?? undefined;
    return this.#remote.get(id);
  }

  /** Every host: the local one first, then by name. */
  handles(): HostHandle<Ctx>[] {
    const remote = [...this.#remote.values()].sort((a, b) => a.name.localeCompare(b.name));
    return [...(this.#local ? [this.#local] : []), ...remote];
  }

  /** Who tells which hosts are in maintenance: the maintenance service, once. */
  setMaintenance(inMaintenance: (id: string) => boolean): void {
    this.#inMaintenance = inMaintenance;
  }

  list(): HostStatus[] {
    return this.handles().map((h) => this.#marked(statusOf(h)));
  }

  /** One host's status; 404 HOST_NOT_FOUND when there is none. */
  status(id: string): HostStatus {
    return this.#marked(statusOf(this.get(id)));
  }

  #marked(status: HostStatus): HostStatus {
    return this.#inMaintenance(status.id) ? { ...status, maintenance: true } : status;
  }

  /** Adds a remote host (400 INVALID_HOST, 409 HOST_EXISTS); it connects in the background. */
  add(input: unknown): HostStatus {
    const { id, name, uri } = checkHostInput(input, this.#places);
    for (const host of this.handles()) {
      if (host.id === id || host.name.toLowerCase() === name.toLowerCase()) {
        throw new AppError(
          "HOST_EXISTS",
          t('A host named "{{name}}" exists already', { name: host.name }),
        );
      }
      if (host.uri === uri) {
        throw new AppError(
          "HOST_EXISTS",
          t('Host "{{name}}" has this URI already', { name: host.name }),
        );
      }
    }
    this.#store.db.prepare("INSERT INTO hosts (id, name, uri, created_at) VALUES (?, ?, ?, ?)")
      .run(id, name, uri, new Date().toISOString());
    return statusOf(this.#openHost({ id, name, uri }));
  }

  /** Forgets a remote host and closes its connection; its VMs are not touched. */
  async remove(id: string): Promise<void> {
    if (id === LOCAL_HOST) {
      throw new AppError("LOCAL_HOST", t("The local host cannot be removed"));
    }
    const host = this.#remote.get(id);
    if (!host) throw hostNotFound(id);
    this.#store.db.prepare("DELETE FROM hosts WHERE id = ?").run(id);
    this.#remote.delete(id);
    this.#changed();
    await bounded(host.opened.close());
  }

  /** Closes every remote host (the local one belongs to whoever made the registry). */
  async close(): Promise<void> {
    const hosts = [...this.#remote.values()];
    this.#remote.clear();
    await Promise.allSettled(hosts.map((h) => bounded(h.opened.close())));
  }
}

// How long removing a host or shutting down waits for its connection to close. A host that
// never answered its connect keeps its threads until libvirt gives up (ffi/libvirt/client.ts close);
// the caller goes on meanwhile.
const CLOSE_WAIT_MS = 3000;

async function bounded(closing: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => timer = setTimeout(resolve, CLOSE_WAIT_MS));
  try {
    await Promise.race([closing.catch(() => {}), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a host stands now, from its client's connection state. */
export function statusOf(host: HostHandle): HostStatus {
  const s = host.client.state;
  const refused = host.refused &&
    t(
      "Not opened: its URI is refused now. {{reason}}. Remove the host and add it again with a URI that is allowed",
      {
        reason: host.refused,
      },
    );
  return {
    id: host.id,
    name: host.name,
    uri: host.uri,
    local: host.local,
    connected: !refused && s.connected,
    error: refused || (s.connected ? null : s.error),
  };
}
