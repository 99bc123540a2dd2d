// Browser entry of /vms/:id/serial (bundled to static/build/serial.js); the only one with xterm.js.

import { hydrateIslands } from "../client/hydrate.ts";
import SerialConsole from "../SerialConsole.tsx";
import VmActions from "../VmActions.tsx";

hydrateIslands({ SerialConsole, VmActions });
