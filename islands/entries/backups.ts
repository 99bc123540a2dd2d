// Browser entry of /backups (bundled to static/build/backups.js).

import { hydrateIslands } from "../client/hydrate.ts";
import BackupsView from "../BackupsView.tsx";
import ResticRepos from "../ResticRepos.tsx";

hydrateIslands({ BackupsView, ResticRepos });
