// Browser entry of /vms/:id/policy (bundled to static/build/vm_policy.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmPolicy from "../VmPolicy.tsx";

hydrateIslands({ VmActions, VmPolicy });
