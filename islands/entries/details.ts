// Browser entry of /vms/:id, the Summary tab (bundled to static/build/details.js); the only VM
// tab with uPlot.

import { hydrateIslands } from "../client/hydrate.ts";
import Insights from "../Insights.tsx";
import VmActions from "../VmActions.tsx";
import VmGraphs from "../VmGraphs.tsx";
import VmGuest from "../VmGuest.tsx";
import VmScreen from "../VmScreen.tsx";
import VmOverview from "../VmOverview.tsx";

hydrateIslands({ Insights, VmActions, VmGraphs, VmGuest, VmOverview, VmScreen });
