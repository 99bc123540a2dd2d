// Browser entry of /settings (bundled to static/build/settings.js): metric retention and the
// backup location.

import BackupSettings from "../BackupSettings.tsx";
import { hydrateIslands } from "../client/hydrate.ts";
import RetentionSettings from "../RetentionSettings.tsx";

hydrateIslands({ BackupSettings, RetentionSettings });
