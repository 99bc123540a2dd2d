// Browser entry of /profiles (bundled to static/build/profiles.js).

import { hydrateIslands } from "../client/hydrate.ts";
import ProfileManager from "../ProfileManager.tsx";

hydrateIslands({ ProfileManager });
