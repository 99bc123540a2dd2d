// Browser entry of /alerts (bundled to static/build/alerts.js).

import { hydrateIslands } from "../client/hydrate.ts";
import AlertsView from "../AlertsView.tsx";

hydrateIslands({ AlertsView });
