// Browser entry of /settings (bundled to static/build/settings.js): metric retention, the
// backup location and notifications.

import BackupSettings from "../BackupSettings.tsx";
import { hydrateIslands } from "../client/hydrate.ts";
import NotifySettings from "../NotifySettings.tsx";
import RetentionSettings from "../RetentionSettings.tsx";

hydrateIslands({ BackupSettings, NotifySettings, RetentionSettings });
