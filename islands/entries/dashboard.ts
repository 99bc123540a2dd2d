// Browser entry of / (bundled to static/build/dashboard.js): the host's usage graphs.

import { hydrateIslands } from "../client/hydrate.ts";
import HostGraphs from "../HostGraphs.tsx";

hydrateIslands({ HostGraphs });
