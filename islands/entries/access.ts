// Browser entry of /access (bundled to static/build/access.js).

import { hydrateIslands } from "../client/hydrate.ts";
import AccessSettings from "../AccessSettings.tsx";

hydrateIslands({ AccessSettings });
