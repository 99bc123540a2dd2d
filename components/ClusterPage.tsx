// Body of `/cluster`: the Pacemaker/Corosync cluster this host belongs to.

import type { ClusterView as View } from "../shared/cluster.ts";
import ClusterView from "../islands/ClusterView.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function ClusterPage({ view, error }: { view: View | null; error: string | null }) {
  return (
    <>
      <h1>{t("Cluster")}</h1>
      <p class="muted lead">
        {t(
          "High availability through Pacemaker and Corosync: which nodes are members, whether they have quorum, whether a lost node can be fenced, and where each resource runs.",
        )}
      </p>
      <Island name="ClusterView" component={ClusterView} props={{ view, error }} />
    </>
  );
}
