// Browser entry of /tasks (bundled to static/build/tasks.js).

import { hydrateIslands } from "../client/hydrate.ts";
import TaskLog from "../TaskLog.tsx";

hydrateIslands({ TaskLog });
