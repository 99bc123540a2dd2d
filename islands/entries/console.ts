// Browser entry of /vms/:id/console (bundled to static/build/console.js); the only one with noVNC.

import { hydrateIslands } from "../client/hydrate.ts";
import ConsoleStart from "../ConsoleStart.tsx";
import VmActions from "../VmActions.tsx";
import VncConsole from "../VncConsole.tsx";

hydrateIslands({ ConsoleStart, VmActions, VncConsole });
