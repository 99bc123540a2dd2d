// Browser entry of /vms/:id (bundled to static/build/details.js); the only one with uPlot.

import { hydrateIslands } from "../client/hydrate.ts";
import VmBackups from "../VmBackups.tsx";
import Insights from "../Insights.tsx";
import VmActions from "../VmActions.tsx";
import VmGraphs from "../VmGraphs.tsx";
import VmGuest from "../VmGuest.tsx";
import VmOverview from "../VmOverview.tsx";
import VmSettings from "../VmSettings.tsx";
import VmSnapshots from "../VmSnapshots.tsx";
import VmMigrate from "../VmMigrate.tsx";
import VmPolicy from "../VmPolicy.tsx";

hydrateIslands({
  Insights,
  VmActions,
  VmBackups,
  VmGraphs,
  VmGuest,
  VmMigrate,
  VmOverview,
  VmPolicy,
  VmSettings,
  VmSnapshots,
});
