// /profiles: the VM profiles. They live in the app store, not libvirt: listed even while
// libvirt is away.

import type { ProfileSummary } from "../../shared/profiles.ts";
import ProfileManager from "../../islands/ProfileManager.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

function ProfilesPage({ profiles }: { profiles: ProfileSummary[] | null }) {
  return (
    <section class="card">
      <Island name="ProfileManager" component={ProfileManager} props={{ profiles }} />
    </section>
  );
}

export default function (page: PageKit) {
  page.page(
    "/profiles",
    "Profiles page",
    (c) =>
      page.render(c, <ProfilesPage profiles={page.ctx.profiles.list()} />, {
        title: t("Profiles"),
        head: {
          muted: true,
          lead: t(
            "Policy shared by many VMs: guest-agent permissions, alert rules, backups and tags. A VM's local overrides win over its profile's settings.",
          ),
        },
        active: "profiles",
      }),
  );
}
