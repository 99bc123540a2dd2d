// Browser entry of /vms/:id/snapshots (bundled to static/build/vm_snapshots.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmSnapshots from "../VmSnapshots.tsx";

hydrateIslands({ VmActions, VmSnapshots });
