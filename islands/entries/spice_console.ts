// Browser entry of /vms/:id/console for a VM whose display is SPICE (bundled to
// static/build/spice_console.js); the only one with spice-html5.

/*! spice-html5 0.2.1 (https://gitlab.freedesktop.org/spice/spice-html5), Copyright (C) 2012
 * Jeremy P. White and the SPICE project; free software under the GNU Lesser General Public
 * License 3 or later, bundled unmodified from npm:@spice-project/spice-html5@0.2.1. Its RSA and
 * SHA-1 code: Copyright (c) 2003-2005 Tom Wu (BSD-style licence); Paul Johnston 2000-2009 (BSD). */

import { hydrateIslands } from "../client/hydrate.ts";
import ConsoleStart from "../ConsoleStart.tsx";
import SpiceConsole from "../SpiceConsole.tsx";
import VmActions from "../VmActions.tsx";

hydrateIslands({ ConsoleStart, SpiceConsole, VmActions });
