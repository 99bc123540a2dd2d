// Browser entry of /vms/:id/advanced (bundled to static/build/vm_advanced.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmMigrate from "../VmMigrate.tsx";
import VmXml from "../vm/VmXml.tsx";
import VmStartup from "../vm/VmStartup.tsx";

hydrateIslands({ VmActions, VmMigrate, VmStartup, VmXml });
