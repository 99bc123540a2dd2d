// Browser entry of /insights (bundled to static/build/insights.js).

import { hydrateIslands } from "../client/hydrate.ts";
import Insights from "../Insights.tsx";

hydrateIslands({ Insights });
