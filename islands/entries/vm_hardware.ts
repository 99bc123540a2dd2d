// Browser entry of /vms/:id/hardware (bundled to static/build/vm_hardware.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmHardware from "../vm/VmHardware.tsx";
import VmProtection from "../vm/VmProtection.tsx";

hydrateIslands({ VmActions, VmHardware, VmProtection });
