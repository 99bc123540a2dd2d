// Browser entry of /schedules (bundled to static/build/schedules.js).

import { hydrateIslands } from "../client/hydrate.ts";
import Schedules from "../Schedules.tsx";

hydrateIslands({ Schedules });
