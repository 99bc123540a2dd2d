// Browser entry of /hosts and /vms?host=all (bundled to static/build/hosts.js).

import { hydrateIslands } from "../client/hydrate.ts";
import AllHostsVmList from "../AllHostsVmList.tsx";
import HostsManager from "../HostsManager.tsx";
import HostMaintenance from "../HostMaintenance.tsx";

hydrateIslands({ AllHostsVmList, HostsManager, HostMaintenance });
