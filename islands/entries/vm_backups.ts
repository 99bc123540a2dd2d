// Browser entry of /vms/:id/backups (bundled to static/build/vm_backups.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmBackups from "../VmBackups.tsx";
import VmResticBackups from "../VmResticBackups.tsx";

hydrateIslands({ VmActions, VmBackups, VmResticBackups });
