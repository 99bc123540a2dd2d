// Browser entry of /vms/:id/firewall (bundled to static/build/vm_firewall.js).

import { hydrateIslands } from "../client/hydrate.ts";
import VmActions from "../VmActions.tsx";
import VmFirewall from "../VmFirewall.tsx";

hydrateIslands({ VmActions, VmFirewall });
