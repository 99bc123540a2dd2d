// Browser entry of /vms/:id/console (bundled to static/build/console.js); the only one with noVNC.

import { hydrateIslands } from "../client/hydrate.ts";
import VncConsole from "../VncConsole.tsx";

hydrateIslands({ VncConsole });
