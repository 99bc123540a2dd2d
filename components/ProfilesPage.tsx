// Body of /profiles: named bundles of VM policy (agent permissions, alert rules, backups, tags).

import type { ProfileSummary } from "../shared/profiles.ts";
import ProfileManager from "../islands/ProfileManager.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function ProfilesPage({ profiles }: { profiles: ProfileSummary[] | null }) {
  return (
    <>
      <h1>{t("Profiles")}</h1>
      <p class="muted lead">
        {t(
          "Policy shared by many VMs: guest-agent permissions, alert rules, backups and tags. A VM's local overrides win over its profile's settings.",
        )}
      </p>
      <section class="card">
        <Island name="ProfileManager" component={ProfileManager} props={{ profiles }} />
      </section>
    </>
  );
}
