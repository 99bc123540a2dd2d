// Browser entry of /vms/:id (bundled to static/build/details.js); the only one with uPlot.

import { hydrateIslands } from "../client/hydrate.ts";
import Insights from "../Insights.tsx";
import VmActions from "../VmActions.tsx";
import VmGraphs from "../VmGraphs.tsx";
import VmOverview from "../VmOverview.tsx";
import VmSettings from "../VmSettings.tsx";

hydrateIslands({ Insights, VmActions, VmGraphs, VmOverview, VmSettings });
