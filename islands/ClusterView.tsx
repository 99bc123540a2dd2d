// The Cluster page's live view (GET /api/cluster): quorum, nodes, fencing, resources and recent
// fencing as Pacemaker reports them, read again every few seconds while the page is shown. A
// host without a cluster says why, and how to get one.

import { useEffect } from "preact/hooks";
import type { ClusterStatus, ClusterView as View } from "../shared/cluster.ts";
import { clusterPath } from "../shared/api_paths.ts";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { FactList } from "../components/kit/FactList.tsx";
import { Card } from "../components/kit/Card.tsx";
import { Badge } from "../components/kit/Badge.tsx";
import { useServedRead } from "../components/kit/use_served_read.ts";
import { formatTime } from "../shared/i18n/format.ts";
import { t } from "../shared/i18n/t.ts";
import { isAdmin } from "../components/client/session.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { MakeHaCard, SharedPoolsCard } from "./cluster/HaControls.tsx";
import { ClusterSwitches } from "./cluster/NodeControls.tsx";
import {
  FailuresCard,
  FenceHistoryCard,
  FencingCard,
  NodesCard,
  ResourcesCard,
} from "./cluster/ClusterTables.tsx";

/** How often the page reads the cluster again while it is visible (ms). */
const POLL_MS = 5_000;

interface Props {
  /** The view rendered on the server, or null to read it in the browser. */
  view: View | null;
  error: string | null;
  [key: string]: unknown;
}

function Summary(
  { status, admin, reload }: { status: ClusterStatus; admin: boolean; reload: () => Promise<void> },
) {
  const online = status.nodes.filter((n) => n.online).length;
  const quorum = status.quorum
    ? <Badge tone="running">{t("Quorate")}</Badge>
    : <Badge tone="critical">{t("No quorum")}</Badge>;
  const fencing = status.fencing.unsafe
    ? <Badge tone="warning">{t("Unsafe")}</Badge>
    : <Badge tone="running">{t("On")}</Badge>;
  return (
    <Card id="cluster-summary" title={t("Summary")}>
      <FactList
        label={t("Summary")}
        facts={[
          [t("Quorum"), quorum],
          [
            t("Nodes online"),
            t("{{online}} of {{total}}", { online, total: status.nodes.length }),
          ],
          [t("Controller (DC)"), status.dc ?? t("none elected")],
          [t("This host"), status.localNode ?? t("not a member")],
          [t("Fencing"), fencing],
          status.maintenanceMode && [
            t("Maintenance mode"),
            t("On: Pacemaker starts and stops nothing"),
          ],
          status.version !== null && [t("Pacemaker version"), status.version],
        ]}
      />
      {!status.quorum && (
        <Notice tone="error">
          {t(
            "This partition has no quorum: Pacemaker stops its resources here and starts none, so the other side can take over safely.",
          )}
        </Notice>
      )}
      {admin && <ClusterSwitches status={status} reload={reload} />}
    </Card>
  );
}

export default function ClusterView(props: Props) {
  const { data: view, reload, loadError } = useServedRead(props.view, props.error, clusterPath());
  const hydrated = useHydrated();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") reload().catch(() => {});
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const v = view.value;
  // Admins only, and after hydration: the server renders what every role sees.
  const admin = hydrated.value && isAdmin();
  return (
    <div class="cluster-view" aria-busy={v === null && !loadError.value}>
      <ErrorNotice message={loadError.value} />
      {v === null && !loadError.value && <p class="muted">{t("Loading…")}</p>}
      {v !== null && !v.present && (
        <Card id="cluster-none" title={t("No cluster")}>
          <Notice tone="info">{v.reason}</Notice>
          <p>
            {t(
              "KVM Manager shows a Pacemaker/Corosync cluster when this host is a member of one: its nodes, quorum, fencing and resources. It needs at least three hosts with pacemaker and corosync, shared storage for the VMs, and a fencing device per host.",
            )} <a href="/help/cluster">{t("How to set one up: the cluster guide")}</a>
          </p>
        </Card>
      )}
      {v !== null && v.present && (
        <>
          <div class="cards">
            <Summary status={v} admin={admin} reload={reload} />
            <FencingCard status={v} admin={admin} reload={reload} />
          </div>
          <NodesCard status={v} admin={admin} reload={reload} />
          <ResourcesCard status={v} admin={admin} reload={reload} />
          <FenceHistoryCard events={v.fenceHistory} />
          <FailuresCard failures={v.failures} />
          {admin && (
            <div class="cards">
              <MakeHaCard status={v} reload={reload} />
              <SharedPoolsCard />
            </div>
          )}
        </>
      )}
      {v !== null && (
        <p class="muted" aria-live="off">
          {t("Read at {{time}}; read again every {{seconds}} s.", {
            time: formatTime(v.readAt),
            seconds: POLL_MS / 1000,
          })}
        </p>
      )}
    </div>
  );
}
