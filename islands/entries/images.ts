// Browser entry of /images (bundled to static/build/images.js).

import { hydrateIslands } from "../client/hydrate.ts";
import Images from "../Images.tsx";

hydrateIslands({ Images });
