// How other features follow the policies in force: the alert rules they set for alerting, and
// the fan-out of policy changes to the services that re-read them (alerts, managed backup jobs).

import type { PolicyAlertRule } from "../../shared/profiles.ts";
import type { ProfileService } from "./service.ts";

/** Each VM's policy alert rules by UUID, for VMs that have any (MonitoringOptions.policyRules). */
export function policyAlertRules(
  profiles: Pick<ProfileService, "effectiveAll">,
): () => Map<string, PolicyAlertRule[]> {
  return () => {
    const rules = new Map<string, PolicyAlertRule[]>();
    for (const [vmId, p] of profiles.effectiveAll()) {
      if (p.alerts.length) rules.set(vmId, p.alerts);
    }
    return rules;
  };
}

/**
 * The services that act on policy changes (ProfileServiceOptions.onPolicyChanged). They read
 * the profiles, so they are made after them and join here; `changed` calls each in the order
 * they joined, and what one throws reaches the profile command that made the change.
 */
export class PolicyFollowers {
  readonly #followers: ((vmIds: string[]) => void)[] = [];

  follow(fn: (vmIds: string[]) => void): void {
    this.#followers.push(fn);
  }

  readonly changed = (vmIds: string[]): void => {
    for (const fn of this.#followers) fn(vmIds);
  };
}
