// Browser entry of /settings (bundled to static/build/settings.js): metric retention.

import { hydrateIslands } from "../client/hydrate.ts";
import RetentionSettings from "../RetentionSettings.tsx";

hydrateIslands({ RetentionSettings });
