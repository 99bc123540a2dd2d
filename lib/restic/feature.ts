// Off-host backup repositories (restic) as a feature (lib/feature.ts): made for a host on first
// use (a request, a page, a scheduled backup into a repository), or at start on the local host
// when repositories are kept, so their checks run on schedule. Its cache and trusted SFTP host
// keys live in the data dir.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { tKey } from "../../shared/i18n/t.ts";
import { guestQuiescer } from "../backups/guest_quiesce.ts";
import { notifyFeature } from "../notify/feature.ts";
import { RepositoryRecords } from "./records.ts";
import { ResticService } from "./service.ts";

/** Whether the local host's composition runs the repositories' scheduled checks. */
const runsChecks = ({ local, config }: FeatureParts) => local && !config.demo;

export const resticFeature = feature({
  name: "restic",
  scope: "host",
  make: (parts: FeatureParts) => {
    const { config, client, store, hostId, emit, lock, ctx } = parts;
    const restic = new ResticService({
      client,
      store,
      hostId,
      lock,
      emit,
      // Restores onto another host (its libvirt client), looked up when one is asked for.
      hostClient: (id) => ctx.hosts.get(id).client,
      // restic (as root) reaches what downloads may: public addresses and the allowed sources.
      outbound: () => ({ allowed: ctx.imageSettings.allowedRanges() }),
      quiesce: guestQuiescer(ctx.guest),
      policyFor: (uuid) => ctx.profiles.effectiveFor(uuid) ?? null,
      notify: (event) => ctx.features.get(notifyFeature).publish(event),
      scheduleChecks: runsChecks(parts),
      places: {
        cacheDir: `${config.dataDir}/restic-cache`,
        tofuFile: `${config.dataDir}/ssh/restic_known_hosts`,
      },
    });
    return { services: restic, close: () => restic.close() };
  },
  // Repositories kept: their checks run on schedule from the start.
  startsOn: (parts) => runsChecks(parts) && new RepositoryRecords(parts.store).list().length > 0,
  titles: {
    "repository.create": tKey("Add backup repository"),
    "repository.update": tKey("Change backup repository"),
    "repository.delete": tKey("Remove backup repository"),
    "repository.backup": tKey("Back up to repository"),
    "repository.restore": tKey("Restore from repository"),
    "repository.restore-disk": tKey("Restore disk from repository"),
    "repository.restore-in-place": tKey("Restore VM over itself from repository"),
    "repository.prune": tKey("Prune backup repository"),
    "repository.check": tKey("Check backup repository"),
    "repository.job-cancel": tKey("Cancel repository job"),
  },
});
