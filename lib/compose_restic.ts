// The restic repositories' service for one host, wired from the composition root's parts
// (compose.ts names it in one line): its cache and trusted SFTP host keys live in the data dir.

import type { LibvirtClient } from "../ffi/libvirt/client.ts";
import type { Config } from "./config.ts";
import type { Store } from "./store.ts";
import type { VmLock } from "./vms/lock.ts";
import type { GuestService } from "./guest/service.ts";
import type { ProfileService } from "./profiles/service.ts";
import type { NotifyService } from "./notify/service.ts";
import type { AppEvent } from "../shared/events.ts";
import type { FetchRules } from "./outbound/guarded_fetch.ts";
import { guestQuiescer } from "./backups/guest_quiesce.ts";
import { LOCAL_HOST } from "../shared/hosts.ts";
import { ResticService } from "./restic/service.ts";

/** The restic service of one host's composition. */
export function resticFor(
  { config, client, store, hostId, lock, guest, profiles, notify, emit, hostClient, outbound }: {
    config: Config;
    client: LibvirtClient;
    store: Store;
    hostId: string;
    lock: VmLock;
    guest: GuestService;
    profiles: ProfileService;
    notify: NotifyService;
    emit: (e: AppEvent) => void;
    hostClient?: (hostId: string) => LibvirtClient;
    outbound: () => FetchRules;
  },
): ResticService {
  return new ResticService({
    client,
    store,
    hostId,
    lock,
    emit,
    hostClient,
    outbound,
    quiesce: guestQuiescer(guest),
    policyFor: (uuid) => profiles.effectiveFor(uuid) ?? null,
    notify: (event) => notify.publish(event),
    // Scheduled checks on the local host's composition only: repositories are run from here.
    scheduleChecks: hostId === LOCAL_HOST && !config.demo,
    places: {
      cacheDir: `${config.dataDir}/restic-cache`,
      tofuFile: `${config.dataDir}/ssh/restic_known_hosts`,
    },
  });
}
