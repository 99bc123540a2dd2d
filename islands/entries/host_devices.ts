// Browser entry of /host/devices (bundled to static/build/host_devices.js).

import { hydrateIslands } from "../client/hydrate.ts";
import HostDevices from "../HostDevices.tsx";

hydrateIslands({ HostDevices });
